from flask import Blueprint, jsonify, request

from hrapp.api.serializers import absence_to_dict
from hrapp.common.auth import current_user, login_required, require_role
from hrapp.common.dates import parse_date
from hrapp.common.db import get_session
from hrapp.models import AbsenceType
from hrapp.services import time_service

bp = Blueprint("time", __name__, url_prefix="/api/time")


@bp.post("/hours")
@login_required
def log_hours():
    body = request.get_json()
    entry = time_service.log_hours(get_session(), current_user().employee_id, parse_date(body["date"]),
                                   body["hours"], body.get("project"), body.get("note"))
    return jsonify({"id": entry.id}), 201


@bp.post("/timesheets/<int:timesheet_id>/submit")
@login_required
def submit(timesheet_id):
    sheet = time_service.submit_timesheet(get_session(), timesheet_id)
    return jsonify({"id": sheet.id, "status": sheet.status.value, "hours": float(sheet.total_hours)})


@bp.post("/timesheets/<int:timesheet_id>/approve")
@require_role("manager")
def approve(timesheet_id):
    sheet = time_service.approve_timesheet(get_session(), timesheet_id, current_user().employee_id)
    return jsonify({"id": sheet.id, "status": sheet.status.value})


@bp.post("/absences")
@login_required
def request_absence():
    body = request.get_json()
    absence = time_service.request_leave(
        get_session(), current_user().employee_id, AbsenceType(body["kind"]), parse_date(body["start"]),
        parse_date(body["end"]), body.get("half_day_start", False), body.get("half_day_end", False),
        body.get("reason"),
    )
    return jsonify(absence_to_dict(absence)), 201


@bp.post("/absences/<int:absence_id>/decision")
@require_role("manager")
def decide_absence(absence_id):
    body = request.get_json()
    session = get_session()
    if body.get("approve"):
        absence = time_service.approve_leave(session, absence_id, current_user().employee_id)
    else:
        absence = time_service.reject_leave(session, absence_id, current_user().employee_id, body.get("reason"))
    return jsonify(absence_to_dict(absence))
