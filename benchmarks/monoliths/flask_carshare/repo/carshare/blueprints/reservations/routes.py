from flask import abort, flash, redirect, render_template, request, url_for

from carshare import auth, pricing, services
from carshare.blueprints.reservations import bp
from carshare.blueprints.reservations.forms import BookForm, ExtendForm, SearchForm, WaitlistForm
from carshare.errors import CarshareError, ReservationConflict
from carshare.lib.dates import parse_datetime, utcnow
from carshare.lib.decorators import json_view, login_required


@bp.route("/", methods=["GET"])
@login_required
def search():
    form = SearchForm(request.args)
    form.zone_id.choices = [(z["id"], z["name"]) for z in services.list_zones()]
    results = None
    if request.args and form.validate():
        starts_at, ends_at = parse_datetime(form.starts_at.data), parse_datetime(form.ends_at.data)
        results = services.find_available_vehicles(form.zone_id.data, starts_at, ends_at,
                                                   form.category.data or None)
        for v in results:
            v["estimate_pence"] = pricing.estimate_price(v["category"], starts_at, ends_at)
    return render_template("reservations/search.html", form=form, results=results,
                           book_form=BookForm(), waitlist_form=WaitlistForm())


@bp.route("/book", methods=["POST"])
@login_required
def book():
    form = BookForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        rid = services.create_reservation(auth.current_member_id(), int(form.vehicle_id.data),
                                          parse_datetime(form.starts_at.data), parse_datetime(form.ends_at.data))
    except CarshareError as e:
        flash(e.message, "error")
        return redirect(url_for("reservations.search"))
    flash("Booked!")
    return redirect(url_for("reservations.detail", reservation_id=rid))


def _own_reservation(reservation_id):
    res = services.get_reservation(reservation_id)
    if res["member_id"] != auth.current_member_id() and not auth.current_member()["is_admin"]:
        abort(403)
    return res


@bp.route("/mine")
@login_required
def mine():
    rows = services.member_reservations(auth.current_member_id())
    now = utcnow()
    upcoming = [r for r in rows if r["ends_at"] >= now and r["status"] in ("confirmed", "active")]
    past = [r for r in rows if r not in upcoming]
    return render_template("reservations/mine.html", upcoming=upcoming, past=past)


@bp.route("/<int:reservation_id>")
@login_required
def detail(reservation_id):
    res = _own_reservation(reservation_id)
    vehicle = services.get_vehicle(res["vehicle_id"])
    return render_template("reservations/detail.html", res=res, vehicle=vehicle, extend_form=ExtendForm(),
                           zone=services.get_zone(res["zone_id"]) if res["zone_id"] else None)


@bp.route("/<int:reservation_id>/cancel", methods=["POST"])
@login_required
def cancel(reservation_id):
    _own_reservation(reservation_id)
    try:
        fee = services.cancel_reservation(reservation_id, by="member", reason=request.form.get("reason"))
    except CarshareError as e:
        flash(e.message, "error")
    else:
        flash("Cancelled" + (" - a late cancellation fee applies" if fee else ""))
    return redirect(url_for("reservations.mine"))


@bp.route("/<int:reservation_id>/extend", methods=["POST"])
@login_required
def extend(reservation_id):
    _own_reservation(reservation_id)
    form = ExtendForm()
    if form.validate_on_submit():
        try:
            services.extend_reservation(reservation_id, parse_datetime(form.new_ends_at.data))
            flash("Extended")
        except ReservationConflict as e:
            flash(e.message, "error")
    return redirect(url_for("reservations.detail", reservation_id=reservation_id))


@bp.route("/waitlist", methods=["POST"])
@login_required
def waitlist():
    form = WaitlistForm()
    if form.validate_on_submit():
        services.add_to_waitlist(auth.current_member_id(), int(form.zone_id.data),
                                 parse_datetime(form.starts_at.data), parse_datetime(form.ends_at.data),
                                 form.category.data or None)
        flash("We'll let you know if a car frees up")
    return redirect(url_for("reservations.search"))


# --- mobile API -----------------------------------------------------------

@bp.route("/api/availability")
@login_required
@json_view
def api_availability():
    zone_id = request.args.get("zone_id", type=int)
    s, e = parse_datetime(request.args.get("from")), parse_datetime(request.args.get("to"))
    if not (zone_id and s and e):
        return {"error": "zone_id, from and to required"}, 400
    return {"vehicles": services.find_available_vehicles(zone_id, s, e, request.args.get("category"))}


@bp.route("/api", methods=["POST"])
@login_required
@json_view
def api_create():
    data = request.get_json(force=True)
    try:
        rid = services.create_reservation(auth.current_member_id(), int(data["vehicle_id"]),
                                          parse_datetime(data["starts_at"]), parse_datetime(data["ends_at"]))
    except CarshareError as e:
        return e.to_dict(), e.status_code
    return {"id": rid}, 201
