from flask import Blueprint, jsonify, request

from insure.api.serializers import party_to_dict
from insure.auth import require_role
from insure.dal.party_repo import PartyRepository, get_party
from insure.db import get_session
from insure.services import parties as svc
from insure.util import json_body

bp = Blueprint("parties", __name__, url_prefix="/api/parties")


@bp.route("", methods=["POST"])
@require_role("underwriter", "agent")
def create():
    party = svc.create_party(json_body("kind"))
    get_session().commit()
    return jsonify(party_to_dict(party, full=True)), 201


@bp.route("/<int:party_id>")
@require_role()
def show(party_id):
    return jsonify(party_to_dict(get_party(party_id), full=True))


@bp.route("/search")
@require_role()
def search():
    return jsonify([party_to_dict(p) for p in PartyRepository().search(request.args.get("q", ""))])


@bp.route("/<int:party_id>/erase", methods=["POST"])
@require_role("admin")
def erase(party_id):
    svc.erase_party(get_party(party_id))
    get_session().commit()
    return "", 204
