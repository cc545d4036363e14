from flask import Blueprint, jsonify, request

from models.base import get_session
from repositories.contractor_repo import ContractorRepository, LicenseRepository
from repositories.reports import contractor_scorecard
from schemas.serializers import contractor_to_dict, license_to_dict
from services import contractor_service
from utils.auth import current_user, login_required, roles_required
from utils.dates import parse_date
from utils.pagination import paginate

bp = Blueprint("contractors", __name__)


@bp.route("/contractors")
@login_required
def search():
    q = ContractorRepository(get_session()).search(request.args.get("name"), request.args.get("class"),
                                                   request.args.get("status"))
    page = paginate(q)
    return jsonify({"items": [contractor_to_dict(c) for c in page.items], "meta": page.meta()})


@bp.route("/contractors", methods=["POST"])
@roles_required("clerk")
def register():
    session = get_session()
    contractor = contractor_service.register_contractor(session, request.get_json())
    session.commit()
    return jsonify(contractor_to_dict(contractor)), 201


@bp.route("/contractors/<int:cid>")
@login_required
def show(cid):
    session = get_session()
    contractor = ContractorRepository(session).get_or_404(cid)
    data = contractor_to_dict(contractor, with_licenses=True)
    data["permits"] = ContractorRepository(session).permit_history(cid)
    data["scorecard"] = contractor_scorecard(session, cid)
    return jsonify(data)


@bp.route("/contractors/<int:cid>/licenses", methods=["POST"])
@roles_required("clerk")
def add_license(cid):
    session = get_session()
    data = request.get_json()
    lic = contractor_service.add_license(session, contractor_service.get_contractor(session, cid),
                                         data["license_class"], data["number"], parse_date(data.get("issued_on")),
                                         data.get("state_license_number"), data.get("qualifier_name"))
    session.commit()
    return jsonify(license_to_dict(lic)), 201


@bp.route("/licenses/<number>/renewals", methods=["POST"])
@roles_required("clerk", "cashier")
def renew(number):
    session = get_session()
    lic = LicenseRepository(session).by_number(number)
    renewal = contractor_service.request_renewal(session, lic, current_user(), request.json.get("method", "check"),
                                                 request.json.get("reference"), request.json.get("card_token"))
    if current_user().has_role("supervisor"):
        contractor_service.approve_renewal(session, renewal, current_user())
    session.commit()
    return jsonify(license_to_dict(lic)), 201
