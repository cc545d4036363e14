"""Rounds API (named routes.py before anyone noticed the pun with Flask
routes; don't rename, the depot tablets hardcode /api/routes)."""
from flask import Blueprint, request

from wastecorp.api import error_response, json_body
from wastecorp.extensions import db
from wastecorp.models import model_to_dict
from wastecorp.models.route import Route, CollectionSchedule, HolidayShift
from wastecorp.repositories import common_repo
from wastecorp.services import scheduling, operations
from wastecorp.services.scheduling import SchedulingError
from wastecorp.services.operations import RouteDayError, VehicleUnavailable
from wastecorp.utils.dates import parse_date, today
from wastecorp.utils.decorators import json_response, login_required, roles_required

bp = Blueprint("rounds", __name__)


@bp.route("/", methods=["GET"])
@login_required
@json_response
def list_routes():
    q = db.session.query(Route).filter(Route.active == True)  # noqa: E712
    if request.args.get("depot"):
        q = q.filter(Route.depot == request.args["depot"])
    return {"items": [model_to_dict(r) for r in q.order_by(Route.code)]}


@bp.route("/<code>", methods=["GET"])
@login_required
@json_response
def route_detail(code):
    r = common_repo.get_route_by_code(code)
    if r is None:
        return {"error": "not found"}, 404
    d = model_to_dict(r)
    d["stops"] = [model_to_dict(s) for s in common_repo.stops_for_route(r.id)]
    d["load"] = scheduling.route_load_summary(r.id)
    return d


@bp.route("/<int:route_id>/stops", methods=["POST"])
@roles_required("planner")
def add_stop_view(route_id):
    data = json_body()
    try:
        stop = scheduling.add_stop_to_route(route_id, data["service_address_id"],
                                            data.get("contract_service_id"),
                                            data.get("sequence"))
        db.session.commit()
    except SchedulingError as exc:
        return error_response(str(exc))
    return {"id": stop.id}, 201


@bp.route("/<int:route_id>/resequence", methods=["POST"])
@roles_required("planner")
@json_response
def resequence_view(route_id):
    stops = scheduling.resequence_route(route_id, json_body().get("stop_ids"))
    return {"count": len(stops)}


@bp.route("/calendar", methods=["GET"])
@login_required
@json_response
def calendar_view():
    day = parse_date(request.args.get("date")) or today()
    rows = (db.session.query(CollectionSchedule)
            .filter(CollectionSchedule.collection_date == day).all())
    return {"date": day.isoformat(), "items": [model_to_dict(s) for s in rows]}


@bp.route("/schedules/<int:schedule_id>/start", methods=["POST"])
@roles_required("driver", "depot")
@json_response
def start_day_view(schedule_id):
    try:
        s = operations.start_route_day(schedule_id, json_body().get("vehicle_id"))
    except (RouteDayError, VehicleUnavailable) as exc:
        return {"error": str(exc)}, 409
    return model_to_dict(s)


@bp.route("/schedules/<int:schedule_id>/lifts", methods=["POST"])
@roles_required("driver", "depot")
@json_response
def record_lifts_view(schedule_id):
    payload = json_body()
    if isinstance(payload, list):
        return {"inserted": operations.ingest_incab_batch(schedule_id, payload)}
    ev = operations.record_lift(schedule_id, payload["stop_id"], payload.get("container_id"),
                                payload.get("outcome", "LIFTED"), payload.get("kg"))
    db.session.commit()
    return {"id": ev.id}


@bp.route("/schedules/<int:schedule_id>/complete", methods=["POST"])
@roles_required("driver", "depot")
@json_response
def complete_day_view(schedule_id):
    summary = operations.complete_route_day(schedule_id)
    summary["onboard_kg"] = float(summary["onboard_kg"])
    return summary


@bp.route("/missed", methods=["GET"])
@login_required
@json_response
def missed_collections_view():
    rows = scheduling.open_missed_collections(request.args.get("depot"))
    return {"items": [model_to_dict(m) for m in rows]}


@bp.route("/missed", methods=["POST"])
@roles_required("customer_services")
def report_missed_view():
    data = json_body()
    mc = scheduling.record_missed_collection(data["service_address_id"],
                                             parse_date(data["due_date"]),
                                             data.get("reason", "NOT_COLLECTED"),
                                             data.get("reported_by"))
    return {"id": mc.id}, 201


@bp.route("/missed/<int:missed_id>/resolve", methods=["POST"])
@roles_required("customer_services", "depot")
@json_response
def resolve_missed_view(missed_id):
    data = json_body()
    mc = scheduling.resolve_missed_collection(missed_id, data.get("crew_fault"),
                                              parse_date(data.get("return_visit_date")))
    return model_to_dict(mc)


@bp.route("/holidays", methods=["GET"])
@login_required
@json_response
def holiday_shifts_view():
    rows = db.session.query(HolidayShift).order_by(HolidayShift.original_date).all()
    return {"items": [model_to_dict(h) for h in rows]}
