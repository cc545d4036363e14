from flask import Blueprint, jsonify, request

from insure.api.serializers import claim_to_dict
from insure.auth import require_role
from insure.db import get_session
from insure.services import claims_service as cs
from insure.services.policy_service import get_policy
from insure.util import json_body

bp = Blueprint("claims", __name__, url_prefix="/api/claims")


@bp.route("", methods=["POST"])
@require_role("claims_handler", "agent")
def fnol():
    data = json_body("policy", "loss_date", "coverage_code")
    policy = get_policy(data["policy"])
    claim = cs.register_claim(policy.id, data)
    get_session().commit()
    return jsonify(claim_to_dict(claim)), 201


@bp.route("/<number>")
@require_role("claims_handler")
def show_claim(number):
    c = cs.get_claim(number)
    d = claim_to_dict(c)
    d["notes"] = [{"at": n.created_at.isoformat(), "by": n.author, "text": n.body} for n in c.notes]
    return jsonify(d)


@bp.route("/<number>/reserve", methods=["POST"])
@require_role("claims_handler")
def reserve(number):
    data = json_body("amount")
    cs.set_reserve(cs.get_claim(number), data["amount"], data.get("reason", "manual"))
    get_session().commit()
    return jsonify({"ok": True})


@bp.route("/<number>/payments", methods=["POST"])
@require_role("claims_handler")
def approve_payment(number):
    data = json_body("amount")
    p = cs.approve_payment(cs.get_claim(number), data["amount"], data.get("payee_id"), data.get("iban"))
    get_session().commit()
    return jsonify({"payment": p.id, "amount": str(p.amount)}), 201


@bp.route("/<number>/status", methods=["POST"])
@require_role("claims_handler")
def change_status(number):
    data = request.get_json() or {}
    claim = cs.get_claim(number)
    action = data.get("action")
    if action == "reject":
        cs.reject_claim(claim, data.get("reason", ""))
    elif action == "close":
        cs.close_claim(claim)
    elif action == "reopen":
        cs.reopen_claim(claim, data.get("reason", ""))
    get_session().commit()
    return jsonify(claim_to_dict(claim))
