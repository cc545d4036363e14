from flask import Blueprint, jsonify, request

from insure.api.serializers import invoice_to_dict, policy_to_dict
from insure.auth import require_role
from insure.dal.billing import InvoiceRepo
from insure.dal.policy_dal import outstanding_for_policy
from insure.db import get_session
from insure.services import policy_service
from insure.util import json_body

bp = Blueprint("policies", __name__, url_prefix="/api/policies")


@bp.route("/<number>")
@require_role()
def get_policy(number):
    p = policy_service.get_policy(number)
    d = policy_to_dict(p)
    d["outstanding"] = str(outstanding_for_policy(get_session(), p.id))
    return jsonify(d)


@bp.route("/<number>/endorsements", methods=["POST"])
@require_role("underwriter")
def endorse(number):
    data = json_body("kind", "effective_date")
    e = policy_service.endorse(policy_service.get_policy(number), data["kind"], data["effective_date"],
                               data.get("payload") or {})
    get_session().commit()
    return jsonify({"seq": e.seq, "premium_delta": str(e.premium_delta)}), 201


@bp.route("/<number>/cancel", methods=["POST"])
@require_role("underwriter", "billing_clerk")
def cancel(number):
    data = request.get_json() or {}
    refund = policy_service.cancel_policy(policy_service.get_policy(number), data.get("reason", "customer_request"),
                                          data.get("effective_date"))
    get_session().commit()
    return jsonify({"refund": str(refund)})


@bp.route("/<number>/invoices")
@require_role("billing_clerk", "underwriter")
def policy_invoices(number):
    # billing screen embedded in the policy screen
    p = policy_service.get_policy(number)
    return jsonify([invoice_to_dict(i) for i in InvoiceRepo().for_policy(p.id)])
