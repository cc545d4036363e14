from flask import Blueprint, jsonify, request

from insure.api.serializers import invoice_to_dict
from insure.auth import api_key_required, require_role
from insure.dal.billing import BillingAccountRepo, InvoiceRepo
from insure.db import get_session
from insure.errors import Forbidden
from insure.services import billing_service
from insure.services.psp import verify_webhook_signature
from insure.util import json_body

bp = Blueprint("billing", __name__, url_prefix="/api/billing")


@bp.route("/accounts/<int:account_id>/invoices")
@require_role("billing_clerk")
def open_invoices(account_id):
    return jsonify([invoice_to_dict(i) for i in InvoiceRepo().open_for_account(account_id)])


@bp.route("/payments", methods=["POST"])
@require_role("billing_clerk")
def manual_payment():
    data = json_body("account_id", "amount")
    pay = billing_service.record_payment(data["account_id"], data["amount"], "manual",
                                         invoice_number=data.get("invoice"))
    get_session().commit()
    return jsonify({"id": pay.id if pay else None}), 201


@bp.route("/psp/webhook", methods=["POST"])
@api_key_required
def psp_webhook():
    if not verify_webhook_signature(request.get_data(), request.headers.get("X-Signature")):
        raise Forbidden("bad signature")
    event = request.get_json()
    if event.get("type") == "payment.received":
        acc = BillingAccountRepo().get_or_404(int(event["account"]))
        billing_service.record_payment(acc.id, event["amount"], "psp", event["id"], event.get("reference"))
    get_session().commit()
    return jsonify({"received": True})
