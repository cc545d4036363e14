from flask import Blueprint, request
from flask_login import current_user

from gh.api.auth import roles_required
from gh.extensions import db
from gh.models.staff import Staff, Shift
from gh.repositories.people import StaffRepository, ShiftRepository
from gh.services import roster_service
from gh.utils.dates import parse_iso
from gh.utils.db_helpers import get_or_404
from gh.utils.decorators import json_endpoint
from gh.utils.validators import require_fields

bp = Blueprint("roster", __name__, url_prefix="/api/roster")


def staff_to_dict(s):
    return {"id": s.id, "employee_no": s.employee_no, "name": s.full_name, "team": s.team, "active": s.active}


def shift_to_dict(s):
    return {"id": s.id, "team": s.team, "start": s.starts_at.isoformat(), "end": s.ends_at.isoformat(),
            "published": s.published,
            "staff": [a.staff_id for a in s.assignments if a.status == "ASSIGNED"]}


@bp.route("/staff")
@roles_required("rostering", "ops_controller")
@json_endpoint
def list_staff():
    team = request.args.get("team")
    if team:
        return [staff_to_dict(s) for s in StaffRepository().active_in_team(team)]
    return [staff_to_dict(s) for s in Staff.query.filter_by(deleted=False).all()]


@bp.route("/staff", methods=["POST"])
@roles_required("rostering")
@json_endpoint
def create_staff():
    data = request.get_json()
    require_fields(data, "employee_no", "first_name", "last_name", "team")
    s = Staff(**{k: data.get(k) for k in ("employee_no", "first_name", "last_name", "email", "phone", "team")})
    db.session.add(s)
    db.session.commit()
    return staff_to_dict(s), 201


@bp.route("/shifts")
@roles_required("rostering", "ops_controller")
@json_endpoint
def list_shifts():
    shifts = ShiftRepository().shifts_between(parse_iso(request.args["from"]), parse_iso(request.args["to"]),
                                              request.args.get("team"))
    return [shift_to_dict(s) for s in shifts]


@bp.route("/generate", methods=["POST"])
@roles_required("rostering")
@json_endpoint
def generate():
    data = request.get_json()
    shifts = roster_service.generate_roster(data["team"], parse_iso(data["from"]).date(), parse_iso(data["to"]).date(),
                                            int(data.get("headcount", 4)))
    return {"created": len(shifts)}, 201


@bp.route("/shifts/<int:shift_id>/assign", methods=["POST"])
@roles_required("rostering")
@json_endpoint
def assign(shift_id):
    shift = get_or_404(Shift, shift_id)
    staff = get_or_404(Staff, request.get_json()["staff_id"])
    a = roster_service.assign_staff_to_shift(shift, staff, request.get_json().get("role"))
    return {"id": a.id}, 201


@bp.route("/leave", methods=["POST"])
@json_endpoint
def leave_request():
    data = request.get_json()
    lr = roster_service.request_leave(current_user.staff_id, parse_iso(data["from"]).date(),
                                      parse_iso(data["to"]).date(), data.get("kind", "ANNUAL"))
    return {"id": lr.id, "status": lr.status}, 201


@bp.route("/leave/<int:leave_id>/decision", methods=["POST"])
@roles_required("rostering")
@json_endpoint
def decide_leave(leave_id):
    lr = roster_service.approve_leave(leave_id, current_user.id, bool(request.get_json().get("approve")))
    return {"id": lr.id, "status": lr.status}


@bp.route("/clock", methods=["POST"])
@json_endpoint
def clock():
    action = request.get_json().get("action")
    if action == "in":
        ts = roster_service.clock_in(current_user.staff_id)
    else:
        ts = roster_service.clock_out(current_user.staff_id)
    return {"id": ts.id, "overtime": ts.overtime_minutes}
