from flask import Blueprint, jsonify, request

from insure.api.serializers import policy_to_dict, quote_to_dict
from insure.auth import require_role
from insure.dal.quotes import QuoteRepository
from insure.db import get_session
from insure.errors import NotFound
from insure.services import underwriting
from insure.util import json_body

bp = Blueprint("quotes", __name__, url_prefix="/api/quotes")


def _quote(ref):
    q = QuoteRepository().by_reference(ref)
    if q is None:
        raise NotFound("quote %s" % ref)
    return q


@bp.route("", methods=["POST"])
@require_role("underwriter", "agent")
def new_quote():
    data = json_body("party_id", "product")
    q = underwriting.create_quote(data["party_id"], data["product"], data, agent_id=data.get("agent_id"))
    underwriting.price_quote(q)
    get_session().commit()
    return jsonify(quote_to_dict(q)), 201


@bp.route("/<ref>/bind", methods=["POST"])
@require_role("underwriter", "agent")
def bind(ref):
    policy = underwriting.bind_quote(ref, (request.get_json() or {}).get("frequency", "annual"))
    get_session().commit()
    return jsonify(policy_to_dict(policy)), 201


@bp.route("/referrals")
@require_role("underwriter")
def referrals():
    return jsonify([{"id": r.id, "quote": r.quote.reference, "rule": r.rule_code, "reason": r.reason}
                    for r in QuoteRepository().open_referrals()])


@bp.route("/referrals/<int:rid>", methods=["POST"])
@require_role("underwriter")
def decide(rid):
    data = json_body("approve")
    underwriting.decide_referral(rid, bool(data["approve"]), data.get("loading_pct"), data.get("comment"))
    get_session().commit()
    return jsonify({"ok": True})
