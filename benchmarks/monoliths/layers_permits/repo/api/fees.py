from flask import Blueprint, jsonify, request

from models.base import get_session
from models.core import AssessedFee
from repositories.enforcement_repo import CitationRepository
from repositories.permit_repo import PermitApplicationRepository
from schemas.serializers import fee_to_dict, payment_to_dict
from services import fee_calculator, payments
from utils.auth import current_user, roles_required

bp = Blueprint("fees", __name__)


@bp.route("/applications/<int:app_id>/payments", methods=["POST"])
@roles_required("cashier", "clerk")
def pay_application(app_id):
    session = get_session()
    data = request.get_json()
    application = PermitApplicationRepository(session).get_or_404(app_id)
    payment = payments.record_payment(session, int(data["amount_cents"]), data["method"], current_user(),
                                      application=application, reference=data.get("reference"),
                                      payer_name=data.get("payer_name"), card_token=data.get("card_token"))
    session.commit()
    return jsonify(payment_to_dict(payment)), 201


@bp.route("/citations/<number>/payments", methods=["POST"])
@roles_required("cashier", "clerk")
def pay_citation(number):
    session = get_session()
    data = request.get_json()
    citation = CitationRepository(session).by_number(number)
    payment = payments.apply_citation_payment(session, citation, int(data["amount_cents"]), data["method"],
                                              current_user(), reference=data.get("reference"))
    session.commit()
    return jsonify(payment_to_dict(payment)), 201


@bp.route("/fees/<int:fee_id>/waive", methods=["POST"])
@roles_required("supervisor")
def waive(fee_id):
    session = get_session()
    fee = session.get(AssessedFee, fee_id)
    fee_calculator.waive_fee(session, fee, request.json["reason"], current_user())
    session.commit()
    return jsonify(fee_to_dict(fee))
