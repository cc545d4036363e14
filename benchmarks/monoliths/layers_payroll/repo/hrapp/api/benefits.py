from flask import Blueprint, jsonify, request

from hrapp.common.auth import current_user, login_required
from hrapp.common.dates import parse_date, today
from hrapp.common.db import get_session
from hrapp.repositories.benefit_repo import BenefitRepository
from hrapp.services import benefits_service

bp = Blueprint("benefits", __name__, url_prefix="/api/benefits")


@bp.get("/plans")
@login_required
def plans():
    return jsonify([{"code": p.code, "name": p.name, "kind": p.kind, "cost": str(p.employee_cost)}
                    for p in BenefitRepository(get_session()).active_plans()])


@bp.post("/enrollments")
@login_required
def enroll():
    body = request.get_json()
    enrollment = benefits_service.enroll(get_session(), current_user().employee_id, body["plan"],
                                         parse_date(body.get("start")) or today(), body.get("coverage", "employee"))
    return jsonify({"id": enrollment.id}), 201


@bp.get("/me")
@login_required
def my_benefits():
    session = get_session()
    employee_id = current_user().employee_id
    enrollments = BenefitRepository(session).enrollments_for(employee_id, today())
    return jsonify({
        "plans": [e.plan.code for e in enrollments],
        "monthly_cost": str(benefits_service.monthly_benefit_cost(session, employee_id, today())),
    })
