"""Depot screens: workshop + people.  Used by the depot managers' tablet."""
from flask import Blueprint, request

from wastecorp.api import json_body
from wastecorp.extensions import db
from wastecorp.models import model_to_dict
from wastecorp.models.fleet import Vehicle
from wastecorp.models.staff import Employee
from wastecorp.repositories import common_repo
from wastecorp.services import operations, staff_service
from wastecorp.services.staff_service import StaffError
from wastecorp.utils.dates import parse_date, today, now
from wastecorp.utils.decorators import json_response, login_required, roles_required

bp = Blueprint("depot", __name__)


# ---------------- vehicles ----------------

@bp.route("/vehicles", methods=["GET"])
@login_required
@json_response
def list_vehicles():
    vs = common_repo.active_vehicles(request.args.get("depot"),
                                     request.args.get("class"))
    return {"items": [model_to_dict(v) for v in vs]}


@bp.route("/vehicles/<reg>", methods=["GET"])
@login_required
@json_response
def vehicle_detail(reg):
    v = common_repo.vehicle_by_registration(reg)
    if v is None:
        return {"error": "not found"}, 404
    d = model_to_dict(v)
    d["open_orders"] = [model_to_dict(m) for m in v.maintenance_orders if not m.closed_at]
    d["mpg_km_per_l"] = operations.fuel_economy(v.id)
    pos = operations.last_position(v.id)
    d["last_position"] = pos and {"lat": pos.lat, "lon": pos.lon,
                                  "at": pos.recorded_at.isoformat()}
    return d


@bp.route("/vehicles/availability/<depot>", methods=["GET"])
@login_required
@json_response
def availability_view(depot):
    day = parse_date(request.args.get("date")) or today()
    return {"date": day.isoformat(), "items": operations.vehicle_availability(depot, day)}


@bp.route("/vehicles/<int:vehicle_id>/maintenance", methods=["POST"])
@roles_required("workshop")
@json_response
def open_maintenance_view(vehicle_id):
    data = json_body()
    mo = operations.open_maintenance_order(vehicle_id, data.get("order_type", "REPAIR"),
                                           data.get("description"), bool(data.get("vor")),
                                           data.get("supplier"))
    return model_to_dict(mo)


@bp.route("/maintenance/<int:order_id>/close", methods=["POST"])
@roles_required("workshop")
@json_response
def close_maintenance_view(order_id):
    data = json_body()
    mo = operations.close_maintenance_order(order_id, data.get("labour_hours"),
                                            data.get("parts_cost"))
    return model_to_dict(mo)


@bp.route("/vehicles/<int:vehicle_id>/fuel", methods=["POST"])
@roles_required("workshop", "driver")
@json_response
def log_fuel_view(vehicle_id):
    data = json_body()
    fl = operations.log_fuel(vehicle_id, data["litres"], data.get("cost"),
                             data.get("odometer_km"), data.get("card_no"))
    return model_to_dict(fl)


@bp.route("/vehicles/<int:vehicle_id>/inspection", methods=["POST"])
@roles_required("driver", "workshop")
@json_response
def inspection_view(vehicle_id):
    data = json_body()
    vi = operations.record_inspection(vehicle_id, data["employee_id"],
                                      bool(data.get("passed", True)),
                                      data.get("defects"), data.get("odometer_km"))
    return model_to_dict(vi)


@bp.route("/telematics", methods=["POST"])
def telematics_ingest_view():
    # called by the Masternaut webhook, no auth (IP allow-listed at the LB)
    n = operations.ingest_telematics(json_body().get("pings", []))
    return {"stored": n}


# ---------------- people ----------------

@bp.route("/employees", methods=["GET"])
@login_required
@json_response
def list_employees():
    q = db.session.query(Employee).filter(Employee.end_date == None)  # noqa: E711
    if request.args.get("depot"):
        q = q.filter(Employee.depot == request.args["depot"])
    return {"items": [model_to_dict(e) for e in q.order_by(Employee.last_name)]}


@bp.route("/employees/<int:employee_id>/clock-in", methods=["POST"])
@login_required
@json_response
def clock_in_view(employee_id):
    return model_to_dict(staff_service.clock_in(employee_id))


@bp.route("/employees/<int:employee_id>/clock-out", methods=["POST"])
@login_required
@json_response
def clock_out_view(employee_id):
    try:
        ts = staff_service.clock_out(employee_id, now(),
                                     int(json_body().get("break_minutes", 30)))
    except StaffError as exc:
        return {"error": str(exc)}, 409
    return model_to_dict(ts)


@bp.route("/crews", methods=["POST"])
@roles_required("depot")
@json_response
def assign_crew_view():
    data = json_body()
    try:
        rows = staff_service.assign_crew(data["route_id"], parse_date(data["work_date"]),
                                         data["driver_id"], data.get("loader_ids", []),
                                         data.get("vehicle_id"))
    except StaffError as exc:
        return {"error": str(exc)}, 409
    return {"assigned": len(rows)}


@bp.route("/crews/<int:route_id>/<date>", methods=["GET"])
@login_required
@json_response
def crew_view(route_id, date):
    rows = staff_service.crew_for_route_day(route_id, parse_date(date))
    return {"items": [{"employee": e.full_name, "role": role} for e, role in rows]}


@bp.route("/licences/expiring", methods=["GET"])
@roles_required("transport_manager")
@json_response
def licences_expiring_view():
    rows = staff_service.licences_expiring(int(request.args.get("days", 60)))
    return {"items": [{"payroll_no": e.payroll_no, "name": e.full_name,
                       "licence_expiry": l.licence_expiry and l.licence_expiry.isoformat(),
                       "cpc_expiry": l.cpc_expiry and l.cpc_expiry.isoformat()}
                      for l, e in rows]}


@bp.route("/absences", methods=["POST"])
@roles_required("depot")
@json_response
def absence_view():
    data = json_body()
    ab = staff_service.record_absence(data["employee_id"], data["absence_type"],
                                      parse_date(data["start_date"]),
                                      parse_date(data.get("end_date")), data.get("notes"))
    return model_to_dict(ab)
