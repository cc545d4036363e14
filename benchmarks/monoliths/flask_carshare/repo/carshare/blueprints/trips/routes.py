from flask import abort, current_app, flash, redirect, render_template, request, url_for

from carshare import auth, services, telematics
from carshare.blueprints.trips import bp
from carshare.errors import CarshareError, OutsideParkingZone
from carshare.lib.decorators import admin_required, json_view, login_required
from carshare.lib.money import to_pence


def _own_trip(trip_id):
    trip = services.get_trip(trip_id)
    if trip["member_id"] != auth.current_member_id() and not auth.current_member()["is_admin"]:
        abort(403)
    return trip


@bp.route("/")
@login_required
def history():
    return render_template("trips/history.html", trips=services.member_trips(auth.current_member_id()))


@bp.route("/<int:trip_id>")
@login_required
def detail(trip_id):
    trip = _own_trip(trip_id)
    return render_template("trips/detail.html", trip=trip, events=services.trip_events(trip_id),
                           route=telematics.trip_route(trip_id),
                           invoice=services.fetch_one("SELECT * FROM invoices WHERE trip_id = %s", (trip_id,)))


@bp.route("/<int:trip_id>/fuel", methods=["POST"])
@login_required
def log_fuel(trip_id):
    f = request.form
    try:
        services.log_fuel(trip_id, auth.current_member_id(), to_pence(f.get("amount")),
                          litres=f.get("litres") or None, kwh=f.get("kwh") or None, station=f.get("station"))
    except CarshareError as e:
        flash(e.message, "error")
    return redirect(url_for("trips.detail", trip_id=trip_id))


@bp.route("/<int:trip_id>/dispute", methods=["POST"])
@login_required
def dispute(trip_id):
    ticket_id = services.dispute_trip(trip_id, auth.current_member_id(), request.form.get("reason", ""))
    flash("Thanks, support will look into it (ticket #%s)" % ticket_id)
    return redirect(url_for("trips.detail", trip_id=trip_id))


# --- mobile API -----------------------------------------------------------

@bp.route("/api/start", methods=["POST"])
@login_required
@json_view
def api_start():
    data = request.get_json(force=True)
    try:
        trip_id = services.start_trip(int(data["reservation_id"]), auth.current_member_id(),
                                      data.get("lat"), data.get("lng"))
    except CarshareError as e:
        return e.to_dict(), e.status_code
    return {"trip_id": trip_id}, 201


@bp.route("/api/<int:trip_id>/end", methods=["POST"])
@login_required
@json_view
def api_end(trip_id):
    _own_trip(trip_id)
    data = request.get_json(force=True)
    try:
        invoice_id = services.end_trip(trip_id, data["lat"], data["lng"], int(data["odometer_km"]),
                                       data.get("fuel_level"))
    except OutsideParkingZone as e:
        return {"error": e.message, "code": "outside_zone"}, 409
    except CarshareError as e:
        return e.to_dict(), e.status_code
    return {"invoice_id": invoice_id}


@bp.route("/api/active")
@login_required
@json_view
def api_active():
    trip = services.active_trip_for_member(auth.current_member_id())
    return {"trip": trip}


@bp.route("/api/telematics", methods=["POST"])
@json_view
def api_telematics():
    """Called by the telematics units' gateway. Shared secret in header."""
    if request.headers.get("X-Gateway-Key") != current_app.config.get("TELEMATICS_GATEWAY_KEY"):
        abort(401)
    payload = request.get_json(force=True)
    pings = [telematics.Ping.from_dict(d) for d in payload.get("pings", [])]
    stored, skipped = telematics.ingest_batch(
        pings, current_app.config["TELEMATICS_SPEEDING_KPH"], current_app.config["TELEMATICS_HARSH_BRAKE_DELTA"])
    return {"stored": stored, "skipped": skipped}


@bp.route("/admin/<int:trip_id>/force-end", methods=["POST"])
@admin_required
def force_end(trip_id):
    trip = services.get_trip(trip_id)
    pos = telematics.last_known_position(trip["vehicle_id"]) or {}
    vehicle = services.get_vehicle(trip["vehicle_id"])
    services.end_trip(trip_id, pos.get("lat") or vehicle["last_lat"], pos.get("lng") or vehicle["last_lng"],
                      vehicle["odometer_km"], pos.get("fuel_level"), force=True)
    flash("Trip ended by ops")
    return redirect(url_for("admin.trip", trip_id=trip_id))
