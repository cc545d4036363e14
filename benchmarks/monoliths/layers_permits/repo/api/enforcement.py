from flask import Blueprint, jsonify, request

from models.base import get_session
from repositories.enforcement_repo import CaseRepository, ComplaintRepository
from repositories.permit_repo import PermitRepository
from schemas.serializers import case_to_dict, complaint_to_dict
from services import enforcement_service
from utils.auth import current_user, roles_required

bp = Blueprint("enforcement", __name__)


@bp.route("/complaints/unassigned")
@roles_required("officer", "supervisor")
def unassigned_complaints():
    return jsonify([complaint_to_dict(c) for c in ComplaintRepository(get_session()).unassigned()])


@bp.route("/complaints/<int:complaint_id>/case", methods=["POST"])
@roles_required("officer", "supervisor")
def open_case(complaint_id):
    session = get_session()
    complaint = ComplaintRepository(session).get_or_404(complaint_id)
    case = enforcement_service.open_case(session, complaint.parcel_id, current_user(), complaint,
                                         priority=request.json.get("priority", 3))
    session.commit()
    return jsonify(case_to_dict(case)), 201


@bp.route("/cases/<int:case_id>/violations", methods=["POST"])
@roles_required("officer")
def add_violation(case_id):
    session = get_session()
    case = CaseRepository(session).get_or_404(case_id)
    enforcement_service.add_violation(session, case, request.json["code_section"], request.json.get("description"))
    session.commit()
    return jsonify(case_to_dict(case, full=True)), 201


@bp.route("/cases/<int:case_id>/notices", methods=["POST"])
@roles_required("officer")
def send_notice(case_id):
    session = get_session()
    case = CaseRepository(session).get_or_404(case_id)
    if request.json["kind"] == "stop_work":
        permit = PermitRepository(session).get_or_404(request.json["permit_id"])
        enforcement_service.stop_work_order(session, case, permit, current_user())
    else:
        enforcement_service.send_notice(session, case, request.json["kind"], request.json.get("delivery", "mail"))
    session.commit()
    return jsonify(case_to_dict(case, full=True)), 201


@bp.route("/cases/<int:case_id>/citations", methods=["POST"])
@roles_required("officer")
def cite(case_id):
    session = get_session()
    case = CaseRepository(session).get_or_404(case_id)
    enforcement_service.issue_citation(session, case)
    session.commit()
    return jsonify(case_to_dict(case, full=True)), 201


@bp.route("/cases/<int:case_id>/close", methods=["POST"])
@roles_required("officer", "supervisor")
def close(case_id):
    session = get_session()
    case = CaseRepository(session).get_or_404(case_id)
    enforcement_service.record_compliance(session, case)
    enforcement_service.close_case(session, case, request.json.get("reason", "complied"))
    session.commit()
    return jsonify(case_to_dict(case))
