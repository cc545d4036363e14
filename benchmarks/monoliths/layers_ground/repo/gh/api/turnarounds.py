from flask import Blueprint, request

from gh.api.auth import roles_required
from gh.repositories.flight_repository import TurnaroundRepository
from gh.services import turnaround_service
from gh.utils.decorators import json_endpoint

bp = Blueprint("turnarounds", __name__, url_prefix="/api/turnarounds")


def turnaround_to_dict(t):
    return {
        "id": t.id, "status": t.status,
        "arrival": t.arrival.flight_number if t.arrival else None,
        "departure": t.departure.flight_number if t.departure else None,
        "started_at": t.started_at.isoformat() if t.started_at else None,
        "duration": t.duration_minutes(),
        "tasks": [{"id": k.id, "code": k.task_code, "status": k.status, "staff": k.assigned_staff_id}
                  for k in TurnaroundRepository().tasks_for(t.id)],
    }


@bp.route("", methods=["POST"])
@roles_required("ops_controller")
@json_endpoint
def create():
    data = request.get_json()
    t = turnaround_service.create_turnaround(data["arrival_id"], data.get("departure_id"), data.get("supervisor_id"))
    return turnaround_to_dict(t), 201


@bp.route("/open")
@roles_required("ops_controller", "ramp_supervisor")
@json_endpoint
def list_open():
    return [turnaround_to_dict(t) for t in TurnaroundRepository().open_turnarounds()]


@bp.route("/<int:tid>/start", methods=["POST"])
@roles_required("ramp_supervisor")
@json_endpoint
def start(tid):
    return turnaround_to_dict(turnaround_service.start_turnaround(tid))


@bp.route("/<int:tid>/complete", methods=["POST"])
@roles_required("ramp_supervisor")
@json_endpoint
def complete(tid):
    return turnaround_to_dict(turnaround_service.complete_turnaround(tid))


@bp.route("/tasks/<int:task_id>/assign", methods=["POST"])
@roles_required("ramp_supervisor")
@json_endpoint
def assign_task(task_id):
    data = request.get_json()
    task = turnaround_service.assign_task_staff(task_id, data["staff_id"], data.get("equipment_id"))
    return {"id": task.id, "staff": task.assigned_staff_id, "equipment": task.equipment_id}
