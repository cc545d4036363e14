from flask import Blueprint, jsonify, request

from models.base import get_session
from repositories.inspection_repo import InspectionRepository, InspectionRequestRepository
from repositories.permit_repo import PermitRepository
from schemas.permits import InspectionRequestSchema, InspectionSchema, ResultSchema
from services import inspection_service, scheduling
from utils.auth import current_user, login_required, roles_required
from utils.dates import parse_date, today

bp = Blueprint("inspections", __name__)


@bp.route("/permits/<int:permit_id>/inspection-requests", methods=["POST"])
@login_required
def request_inspection(permit_id):
    session = get_session()
    data = InspectionRequestSchema().load(request.get_json())
    req = inspection_service.request_inspection(session, PermitRepository(session).get_or_404(permit_id),
                                                data["type_code"], data["requested_by"], data.get("contact_phone"),
                                                data.get("preferred_date"), data.get("window"), "web",
                                                data.get("access_notes"))
    session.commit()
    return jsonify({"id": req.id, "preferred_date": req.preferred_date.isoformat()}), 201


@bp.route("/inspection-requests/<int:req_id>/schedule", methods=["POST"])
@roles_required("clerk", "supervisor")
def schedule(req_id):
    session = get_session()
    req = InspectionRequestRepository(session).get_or_404(req_id)
    inspection = inspection_service.schedule_request(session, req, parse_date(request.json.get("date")))
    session.commit()
    return jsonify(InspectionSchema().dump(inspection)), 201


@bp.route("/inspections/route")
@roles_required("inspector")
def my_route():
    session = get_session()
    day = parse_date(request.args.get("date")) or today()
    stops = InspectionRepository(session).for_inspector_on(current_user().id, day)
    return jsonify(InspectionSchema(many=True).dump(stops))


@bp.route("/inspections/<int:inspection_id>/result", methods=["POST"])
@roles_required("inspector")
def result(inspection_id):
    session = get_session()
    data = ResultSchema().load(request.get_json())
    inspection = InspectionRepository(session).get_or_404(inspection_id)
    inspection_service.record_result(session, inspection, data["outcome"], current_user(),
                                     data.get("checklist", []), data.get("deficiencies", []), data.get("notes"))
    session.commit()
    return jsonify(InspectionSchema().dump(inspection))


@bp.route("/inspectors/availability")
@roles_required("clerk", "supervisor")
def inspector_availability():
    from repositories.staff_repo import StaffRepository

    session = get_session()
    day = parse_date(request.args.get("date")) or today()
    return jsonify([{"id": s.id, "name": s.full_name, "free_slots": scheduling.capacity_for(session, s, day),
                     "on_leave": scheduling.is_on_leave(session, s, day)}
                    for s in StaffRepository(session).with_role("inspector")])
