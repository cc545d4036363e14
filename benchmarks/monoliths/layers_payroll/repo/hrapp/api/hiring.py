from flask import Blueprint, jsonify, request

from hrapp.api.serializers import employee_to_dict
from hrapp.common.auth import require_role
from hrapp.common.dates import parse_date
from hrapp.common.db import get_session
from hrapp.repositories.recruitment_repo import JobOpeningRepository
from hrapp.services import recruitment_service

bp = Blueprint("hiring", __name__, url_prefix="/api/hiring")


@bp.get("/openings")
def public_openings():
    openings = JobOpeningRepository(get_session()).published()
    return jsonify([{"id": o.id, "reference": o.reference, "title": o.title, "closes_on": str(o.closes_on)}
                    for o in openings])


@bp.post("/openings")
@require_role("hr", "manager")
def create_opening():
    body = request.get_json()
    opening = recruitment_service.open_job(get_session(), body["position_id"], body["title"],
                                           body["hiring_manager_id"], parse_date(body.get("closes_on")))
    return jsonify({"id": opening.id, "reference": opening.reference}), 201


@bp.post("/openings/<int:opening_id>/apply")
def apply_to_opening(opening_id):
    body = request.get_json()
    application = recruitment_service.apply(get_session(), opening_id, body["first_name"], body["last_name"],
                                            body["email"], body.get("source", "website"))
    return jsonify({"application_id": application.id, "candidate_id": application.candidate_id}), 201


@bp.post("/applications/<int:application_id>/accept")
@require_role("hr")
def accept(application_id):
    body = request.get_json()
    employee = recruitment_service.accept_offer(get_session(), application_id, parse_date(body["start_date"]),
                                                body["work_email"])
    return jsonify(employee_to_dict(employee)), 201
