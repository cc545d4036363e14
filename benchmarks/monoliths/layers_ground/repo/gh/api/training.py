from flask import Blueprint, request

from gh.api.auth import roles_required
from gh.repositories.people import valid_certifications
from gh.services import training_service
from gh.utils.dates import parse_iso
from gh.utils.decorators import json_endpoint

bp = Blueprint("training", __name__, url_prefix="/api/training")


def cert_to_dict(c):
    return {"id": c.id, "staff_id": c.staff_id, "course": c.course.code,
            "issued": str(c.issued_on), "expires": str(c.expires_on) if c.expires_on else None}


@bp.route("/sessions", methods=["POST"])
@roles_required("training")
@json_endpoint
def create_session():
    d = request.get_json()
    s = training_service.schedule_session(d["course"], parse_iso(d["starts_at"]), d.get("trainer"), d.get("room"))
    return {"id": s.id}, 201


@bp.route("/sessions/<int:session_id>/enroll", methods=["POST"])
@roles_required("training", "rostering")
@json_endpoint
def enroll(session_id):
    e = training_service.enroll_staff(session_id, request.get_json()["staff_id"])
    return {"id": e.id}, 201


@bp.route("/enrollments/<int:enrollment_id>/result", methods=["POST"])
@roles_required("training")
@json_endpoint
def result(enrollment_id):
    d = request.get_json()
    e = training_service.record_result(enrollment_id, d["result"], d.get("score"))
    return {"id": e.id, "result": e.result}


@bp.route("/staff/<int:staff_id>/certifications")
@roles_required("training", "rostering", "ops_controller")
@json_endpoint
def staff_certs(staff_id):
    return [cert_to_dict(c) for c in valid_certifications(staff_id)]


@bp.route("/expiring")
@roles_required("training")
@json_endpoint
def expiring():
    return [cert_to_dict(c) for c in training_service.expiring_certifications(request.args.get("days", type=int))]
