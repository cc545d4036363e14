from datetime import timedelta

from flask import Blueprint, request

from gh.api.auth import roles_required, token_auth
from gh.models.flights import Flight
from gh.repositories.flight_repository import FlightRepository, delays_for_flight
from gh.services import flight_service
from gh.utils.dates import parse_iso, utc_now
from gh.utils.db_helpers import get_or_404
from gh.utils.decorators import json_endpoint

bp = Blueprint("flights", __name__, url_prefix="/api/flights")


def flight_to_dict(f):
    return {
        "id": f.id, "flight_number": f.flight_number, "airline": f.airline.iata_code,
        "direction": f.direction, "sched": f.sched_time.isoformat(),
        "est": f.est_time.isoformat() if f.est_time else None,
        "stand": f.stand.code if f.stand else None, "status": f.status,
        "delay_minutes": f.delay_minutes(),
    }


@bp.route("", methods=["GET"])
@token_auth
@json_endpoint
def list_flights():
    start = parse_iso(request.args.get("from")) or utc_now()
    end = parse_iso(request.args.get("to")) or start + timedelta(hours=12)
    return [flight_to_dict(f) for f in FlightRepository().in_window(start, end, request.args.get("direction"))]


@bp.route("/<int:flight_id>")
@token_auth
@json_endpoint
def get_flight(flight_id):
    f = get_or_404(Flight, flight_id)
    d = flight_to_dict(f)
    d["delays"] = [{"code": x.delay_code, "minutes": x.minutes} for x in delays_for_flight(f.id)]
    return d


@bp.route("/import", methods=["POST"])
@roles_required("ops_controller")
@json_endpoint
def import_flights():
    n = flight_service.import_schedule(request.get_data(as_text=True))
    return {"created": n}, 201


@bp.route("/<int:flight_id>/times", methods=["POST"])
@token_auth
@json_endpoint
def update_times(flight_id):
    data = request.get_json()
    f = flight_service.update_flight_times(flight_id, data.get("est"), data.get("actual"), data.get("status"))
    return flight_to_dict(f)


@bp.route("/<int:flight_id>/delays", methods=["POST"])
@roles_required("ops_controller")
@json_endpoint
def post_delay(flight_id):
    data = request.get_json()
    d = flight_service.record_delay(flight_id, data["code"], data["minutes"], data.get("reason"))
    return {"id": d.id, "handler_fault": d.handler_fault}, 201
