from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from carshare import services, telematics
from carshare import tables as T
from carshare.blueprints.fleet import bp
from carshare.blueprints.fleet.forms import CompleteJobForm, InspectionForm, MaintenanceForm, VehicleForm
from carshare.db import engine_conn, fetch_all
from carshare.errors import ValidationError
from carshare.lib.dates import parse_datetime
from carshare.lib.decorators import admin_required, json_view
from carshare.lib.money import to_pence


def _model_choices():
    with engine_conn() as conn:
        rows = conn.execute(select([T.vehicle_models]).order_by(T.vehicle_models.c.make))
        return [(r["id"], "%s %s (%s)" % (r["make"], r["model"], r["fuel_type"])) for r in rows]


@bp.route("/")
@admin_required
def index():
    vehicles = services.list_vehicles(status=request.args.get("status"), zone_id=request.args.get("zone"))
    return render_template("fleet/index.html", vehicles=vehicles, summary=services.fleet_status_summary(),
                           zones=services.list_zones())


@bp.route("/new", methods=["GET", "POST"])
@admin_required
def new_vehicle():
    form = VehicleForm()
    form.model_id.choices = _model_choices()
    form.home_zone_id.choices = [(z["id"], z["name"]) for z in services.list_zones()]
    if form.validate_on_submit():
        try:
            vid = services.add_vehicle(form.model_id.data, form.plate.data, form.vin.data, form.colour.data,
                                       form.home_zone_id.data, form.telematics_unit_id.data or None,
                                       form.commissioned_on.data)
        except ValidationError as e:
            flash(e.message, "error")
        else:
            return redirect(url_for("fleet.vehicle", vehicle_id=vid))
    return render_template("fleet/new.html", form=form)


@bp.route("/<int:vehicle_id>")
@admin_required
def vehicle(vehicle_id):
    history = services.vehicle_history(vehicle_id)
    return render_template("fleet/vehicle.html", h=history,
                           position=telematics.last_known_position(vehicle_id),
                           maintenance_form=MaintenanceForm(), inspection_form=InspectionForm())


@bp.route("/<int:vehicle_id>/status", methods=["POST"])
@admin_required
def change_status(vehicle_id):
    status = request.form.get("status")
    if status == "retired":
        services.retire_vehicle(vehicle_id)
    else:
        services.set_vehicle_status(vehicle_id, status)
    return redirect(url_for("fleet.vehicle", vehicle_id=vehicle_id))


@bp.route("/<int:vehicle_id>/maintenance", methods=["POST"])
@admin_required
def book_maintenance(vehicle_id):
    form = MaintenanceForm()
    if not form.validate_on_submit():
        abort(400)
    services.schedule_maintenance(vehicle_id, form.job_type.data, parse_datetime(form.scheduled_for.data),
                                  garage=form.garage.data or None, notes=form.notes.data)
    flash("Booked in")
    return redirect(url_for("fleet.vehicle", vehicle_id=vehicle_id))


@bp.route("/maintenance/<int:job_id>/complete", methods=["POST"])
@admin_required
def complete_job(job_id):
    form = CompleteJobForm()
    form.validate_on_submit()
    cost = to_pence(form.cost_pounds.data) if form.cost_pounds.data is not None else None
    services.complete_maintenance(job_id, cost, form.notes.data)
    return redirect(request.referrer or url_for("fleet.index"))


@bp.route("/<int:vehicle_id>/inspection", methods=["POST"])
@admin_required
def inspection(vehicle_id):
    form = InspectionForm()
    if not form.validate_on_submit():
        abort(400)
    checklist = {"tyres": form.tyres_ok.data == "y", "lights": form.lights_ok.data == "y",
                 "interior": form.interior_ok.data == "y"}
    services.record_inspection(vehicle_id, form.inspector.data, form.result.data, checklist,
                               form.mot_expires_on.data)
    return redirect(url_for("fleet.vehicle", vehicle_id=vehicle_id))


@bp.route("/due-service")
@admin_required
def due_service():
    return render_template("fleet/due_service.html", rows=services.vehicles_due_service())


@bp.route("/quiet-units")
@admin_required
def quiet_units():
    return render_template("fleet/quiet_units.html", rows=telematics.vehicles_gone_quiet())


# ---------------------------------------------------------------------------
# Zones admin. Lives in fleet because ops manage both from the same screen.
# ---------------------------------------------------------------------------

@bp.route("/zones")
@admin_required
def zones():
    return render_template("fleet/zones.html", zones=services.list_zones(include_inactive=True),
                           occupancy={o["id"]: o for o in services.zone_occupancy()})


@bp.route("/zones/new", methods=["POST"])
@admin_required
def create_zone():
    z = T.parking_zones
    data = request.form
    with engine_conn() as conn:
        res = conn.execute(z.insert().values(
            name=data["name"], city=data["city"], zone_type=data.get("zone_type", "home"),
            capacity=int(data.get("capacity") or 0),
            centre_lat=data.get("centre_lat") or None, centre_lng=data.get("centre_lng") or None, active=True,
        ))
        zone_id = res.inserted_primary_key[0]
    return redirect(url_for("fleet.zone_detail", zone_id=zone_id))


@bp.route("/zones/<int:zone_id>")
@admin_required
def zone_detail(zone_id):
    r = T.zone_restrictions
    with engine_conn() as conn:
        restrictions = [dict(x) for x in conn.execute(select([r]).where(r.c.zone_id == zone_id))]
    return render_template("fleet/zone.html", zone=services.get_zone(zone_id),
                           polygon=services.zone_polygon(zone_id), restrictions=restrictions,
                           vehicles=services.list_vehicles(zone_id=zone_id))


@bp.route("/zones/<int:zone_id>/boundary", methods=["POST"])
@admin_required
@json_view
def save_boundary(zone_id):
    points = request.get_json(force=True).get("points", [])
    if len(points) < 3:
        return {"error": "need at least 3 points"}, 400
    b = T.zone_boundaries
    with engine_conn() as conn:
        conn.execute(b.delete().where(b.c.zone_id == zone_id))
        for i, (lat, lng) in enumerate(points):
            conn.execute(b.insert().values(zone_id=zone_id, seq=i, lat=lat, lng=lng))
    return {"ok": True, "points": len(points)}


@bp.route("/zones/<int:zone_id>/restrictions", methods=["POST"])
@admin_required
def add_restriction(zone_id):
    r = T.zone_restrictions
    f = request.form
    with engine_conn() as conn:
        conn.execute(r.insert().values(
            zone_id=zone_id, weekday=int(f["weekday"]) if f.get("weekday") else None,
            start_time=f["start_time"], end_time=f["end_time"], restriction=f["restriction"],
            surcharge_pence=to_pence(f.get("surcharge") or 0), note=f.get("note"),
        ))
    return redirect(url_for("fleet.zone_detail", zone_id=zone_id))


@bp.route("/zones/<int:zone_id>/toggle", methods=["POST"])
@admin_required
def toggle_zone(zone_id):
    z = T.parking_zones
    zone = services.get_zone(zone_id)
    with engine_conn() as conn:
        conn.execute(z.update().where(z.c.id == zone_id).values(active=not zone["active"]))
    return redirect(url_for("fleet.zones"))


@bp.route("/api/zones/lookup")
@json_view
def zone_lookup():
    lat, lng = request.args.get("lat", type=float), request.args.get("lng", type=float)
    zone = services.zone_for_point(lat, lng)
    if zone is None:
        return {"zone": None}
    from carshare.lib.dates import utcnow
    return {"zone": {"id": zone["id"], "name": zone["name"]},
            "can_end_here": services.is_parking_allowed(zone["id"], utcnow(), "end")}
