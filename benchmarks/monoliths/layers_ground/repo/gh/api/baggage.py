from flask import Blueprint, request
from flask_login import current_user

from gh.api.auth import roles_required
from gh.repositories.misc import open_incidents
from gh.services import baggage_service
from gh.utils.dates import parse_iso
from gh.utils.decorators import json_endpoint

bp = Blueprint("baggage", __name__, url_prefix="/api/baggage")


def incident_to_dict(i):
    return {"id": i.id, "file_ref": i.file_ref, "kind": i.kind, "status": i.status,
            "passenger": i.passenger_name, "bag_tag": i.bag_tag, "created": i.created_at.isoformat()}


@bp.route("/incidents")
@roles_required("baggage_agent")
@json_endpoint
def list_incidents():
    return [incident_to_dict(i) for i in open_incidents(request.args.get("kind"))]


@bp.route("/incidents", methods=["POST"])
@roles_required("baggage_agent")
@json_endpoint
def create_incident():
    d = request.get_json()
    inc = baggage_service.open_incident(d["kind"], d["flight_number"], parse_iso(d["date"]).date(),
                                        d["passenger_name"], d.get("contact"), d.get("bag_tag"))
    return incident_to_dict(inc), 201


@bp.route("/incidents/<int:incident_id>/notes", methods=["POST"])
@roles_required("baggage_agent")
@json_endpoint
def post_note(incident_id):
    n = baggage_service.add_note(incident_id, current_user.id, request.get_json()["body"])
    return {"id": n.id}, 201


@bp.route("/incidents/<ref>/found", methods=["POST"])
@roles_required("baggage_agent")
@json_endpoint
def bag_found(ref):
    d = request.get_json()
    bag = baggage_service.register_found_bag(ref, d["station"], d.get("forward_flight"))
    return {"id": bag.id}


@bp.route("/claims", methods=["POST"])
@roles_required("baggage_agent")
@json_endpoint
def create_claim():
    d = request.get_json()
    c = baggage_service.submit_claim(d["incident_id"], d["amount"], d.get("currency", "EUR"))
    return {"id": c.id}, 201


@bp.route("/claims/<int:claim_id>/settle", methods=["POST"])
@roles_required("baggage_agent", "finance")
@json_endpoint
def settle(claim_id):
    d = request.get_json()
    c = baggage_service.settle_claim(claim_id, d["amount"], bool(d.get("recharge")))
    return {"id": c.id, "status": c.status}
