from flask import Blueprint, jsonify, request

from models.base import get_session
from models.review import PlanReview
from repositories.permit_repo import PermitApplicationRepository
from repositories.staff_repo import StaffRepository
from schemas.permits import ApplicationSchema, ReviewDecisionSchema
from services import review_service
from utils.auth import current_user, roles_required

bp = Blueprint("reviews", __name__)


@bp.route("/reviews/mine")
@roles_required("reviewer")
def my_queue():
    apps = PermitApplicationRepository(get_session()).awaiting_review(current_user().id)
    return jsonify(ApplicationSchema(many=True).dump(apps))


@bp.route("/applications/<int:app_id>/reviews", methods=["POST"])
@roles_required("reviewer", "supervisor")
def start(app_id):
    session = get_session()
    application = PermitApplicationRepository(session).get_or_404(app_id)
    if request.json and request.json.get("reviewer_id"):
        review_service.assign_reviewer(session, application, StaffRepository(session).get_or_404(request.json["reviewer_id"]))
    review_service.start_review(session, application, current_user())
    session.commit()
    return jsonify(ApplicationSchema().dump(application))


@bp.route("/reviews/<int:review_id>/decision", methods=["POST"])
@roles_required("reviewer")
def decide(review_id):
    session = get_session()
    data = ReviewDecisionSchema().load(request.get_json())
    review = session.get(PlanReview, review_id)
    review_service.record_decision(session, review, data["decision"], data.get("comments"), current_user())
    session.commit()
    return jsonify({"status": review.status, "application_status": review.application.status})
