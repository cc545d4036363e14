"""Public portal API (consumed by the city website and the IVR vendor)."""
from flask import Blueprint, jsonify, request

from dao import permit_dao
from errors import NotFound
from models.base import get_session
from repositories.contractor_repo import ContractorRepository
from schemas.serializers import complaint_to_dict
from services import enforcement_service, fee_calculator
from utils.auth import public_api_key_required
from utils.legacy import old_permit_number_to_new

bp = Blueprint("public", __name__)


@bp.route("/permits/<number>")
@public_api_key_required
def permit_status(number):
    permit = permit_dao.get_permit_by_number(number) or permit_dao.get_permit_by_number(
        old_permit_number_to_new(number) or "")
    if permit is None:
        raise NotFound("no such permit")
    return jsonify(permit)


@bp.route("/contractors")
@public_api_key_required
def contractor_lookup():
    found = ContractorRepository(get_session()).search(name=request.args.get("name"), status="active").limit(25)
    return jsonify([{"name": c.display_name, "licenses": [lic.number for lic in c.licenses if lic.is_current()]}
                    for c in found])


@bp.route("/fee-estimate")
@public_api_key_required
def fee_estimate():
    return jsonify(fee_calculator.estimate(get_session(), request.args["type"],
                                           float(request.args.get("valuation", 0)),
                                           int(request.args.get("sqft", 0))))


@bp.route("/complaints", methods=["POST"])
@public_api_key_required
def submit_complaint():
    session = get_session()
    data = dict(request.get_json(), source="web")
    complaint = enforcement_service.log_complaint(session, data)
    session.commit()
    return jsonify(complaint_to_dict(complaint)), 201
