import datetime as dt

from flask import Blueprint, jsonify, request, session as http_session

from errors import Forbidden
from models.base import get_session
from models.staff import LeaveRequest
from repositories.staff_repo import ShiftRepository, StaffRepository
from schemas.serializers import shift_to_dict, staff_to_dict
from services import scheduling
from utils.auth import current_user, login_required, roles_required
from utils.dates import parse_date

bp = Blueprint("staff", __name__)


@bp.route("/login", methods=["POST"])
def login():
    session = get_session()
    user = StaffRepository(session).by_username(request.json.get("username", ""))
    if user is None or not user.active or not user.check_password(request.json.get("password", "")):
        raise Forbidden("invalid username or password")
    user.last_login_at = dt.datetime.utcnow()
    session.commit()
    http_session["staff_id"] = user.id
    return jsonify(staff_to_dict(user))


@bp.route("/roster")
@roles_required("supervisor", "clerk")
def roster():
    start = parse_date(request.args["week"])
    shifts = ShiftRepository(get_session()).week(start, start + dt.timedelta(days=6))
    return jsonify([shift_to_dict(s) for s in shifts])


@bp.route("/roster", methods=["POST"])
@roles_required("supervisor")
def build_roster():
    session = get_session()
    created = scheduling.build_roster(session, parse_date(request.json["week"]))
    session.commit()
    return jsonify([shift_to_dict(s) for s in created]), 201


@bp.route("/leave", methods=["POST"])
@login_required
def request_leave():
    session = get_session()
    leave = scheduling.request_leave(session, current_user(), parse_date(request.json["first_day"]),
                                     parse_date(request.json["last_day"]), request.json.get("kind", "vacation"))
    session.commit()
    return jsonify({"id": leave.id, "status": leave.status}), 201


@bp.route("/leave/<int:leave_id>/approve", methods=["POST"])
@roles_required("supervisor")
def approve_leave(leave_id):
    session = get_session()
    moved = scheduling.approve_leave(session, session.get(LeaveRequest, leave_id), current_user())
    session.commit()
    return jsonify({"moved_inspections": [i.id for i in moved]})
