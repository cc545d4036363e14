from flask import Blueprint, jsonify, request

from hrapp.common.auth import current_user, login_required, require_role
from hrapp.common.dates import parse_date
from hrapp.common.db import get_session
from hrapp.services import performance_service

bp = Blueprint("reviews", __name__, url_prefix="/api/reviews")


@bp.post("/cycles")
@require_role("hr")
def start_cycle():
    body = request.get_json()
    cycle = performance_service.start_cycle(get_session(), body["name"], parse_date(body["starts_on"]),
                                            parse_date(body["ends_on"]))
    return jsonify({"id": cycle.id}), 201


@bp.post("/<int:review_id>")
@require_role("manager")
def submit(review_id):
    body = request.get_json()
    review = performance_service.submit_review(get_session(), review_id, current_user().employee_id,
                                               body["rating"], body.get("summary"))
    return jsonify({"id": review.id, "rating": review.rating})


@bp.post("/goals")
@login_required
def add_goal():
    body = request.get_json()
    goal = performance_service.set_goal(get_session(), current_user().employee_id, body["title"],
                                        body.get("weight", 1), parse_date(body.get("due_date")))
    return jsonify({"id": goal.id}), 201
