"""Operations endpoints: tracking and claims.

Named "ops" because that's the team that uses both screens.
"""
from flask import Blueprint, request

from freightly.api import ApiError, current_user, get_json_or_400
from freightly.extensions import db_session
from freightly.models import Claim, model_to_dict
from freightly.repositories.shipment_repo import ShipmentRepository
from freightly.services import claims_service, tracking_service
from freightly.services.notifications import notify_claim_status
from freightly.services.shipment_manager import bulk_status_update
from freightly.utils.decorators import json_endpoint, require_api_key

bp = Blueprint("ops", __name__)


# ---------------------------------------------------------------- tracking

@bp.route("/tracking/<ref>", methods=["GET"])
@require_api_key
@json_endpoint
def get_tracking(ref):
    s = ShipmentRepository().by_reference(ref) or ShipmentRepository().by_bill(ref)
    if s is None:
        raise ApiError("unknown reference %s" % ref, 404)
    return tracking_service.timeline(s.id)


@bp.route("/tracking/<int:shipment_id>/events", methods=["POST"])
@require_api_key
@json_endpoint
def post_tracking_event(shipment_id):
    d = get_json_or_400()
    s = ShipmentRepository().get_or_404(shipment_id)
    ev = tracking_service.record_event(s, d["code"], d["event_time"], location=d.get("location"),
                                       description=d.get("description"),
                                       container_no=d.get("container_no"), source="api",
                                       is_exception=bool(d.get("exception")))
    if ev is None:
        return {"duplicate": True}, 200
    return model_to_dict(ev), 201


@bp.route("/tracking/bulk", methods=["POST"])
@require_api_key
@json_endpoint
def bulk_tracking_update():
    d = get_json_or_400()
    done = bulk_status_update(d.get("references", []), d["code"], d.get("event_time"),
                              d.get("location"))
    return {"updated": done}


@bp.route("/tracking/subscriptions", methods=["POST"])
@require_api_key
@json_endpoint
def subscribe():
    d = get_json_or_400()
    sub = tracking_service.subscribe(d["target"], d.get("channel", "email"),
                                     d.get("shipment_id"), d.get("customer_id"),
                                     d.get("event_filter"))
    return model_to_dict(sub, exclude=["secret"]), 201


# ---------------------------------------------------------------- claims

@bp.route("/claims", methods=["GET"])
@require_api_key
@json_endpoint
def list_claims():
    q = db_session.query(Claim)
    if request.args.get("status"):
        q = q.filter(Claim.status == request.args["status"])
    if request.args.get("customer_id"):
        q = q.filter(Claim.customer_id == request.args.get("customer_id", type=int))
    return [claims_service.claim_to_dict(c) for c in q.order_by(Claim.id.desc()).limit(200)]


@bp.route("/claims", methods=["POST"])
@require_api_key
@json_endpoint
def open_claim():
    d = get_json_or_400()
    c = claims_service.open_claim(d["shipment_id"], d.get("kind", "damage"), d.get("description"),
                                  d["claimed_amount"], d.get("currency", "EUR"),
                                  handler=current_user(), items=d.get("items"))
    notify_claim_status(c)
    return claims_service.claim_to_dict(c), 201


@bp.route("/claims/<int:claim_id>", methods=["GET"])
@require_api_key
@json_endpoint
def claim_detail(claim_id):
    c = db_session.query(Claim).get(claim_id)
    if c is None:
        raise ApiError("claim not found", 404)
    data = claims_service.claim_to_dict(c)
    data["timeline"] = tracking_service.timeline(c.shipment_id)
    return data


@bp.route("/claims/<int:claim_id>/assess", methods=["POST"])
@require_api_key
@json_endpoint
def assess_claim(claim_id):
    return claims_service.claim_to_dict(claims_service.assess_claim(claim_id))


@bp.route("/claims/<int:claim_id>/settle", methods=["POST"])
@require_api_key
@json_endpoint
def settle_claim(claim_id):
    d = request.get_json(silent=True) or {}
    s = claims_service.settle_claim(claim_id, d.get("amount"), d.get("method", "credit_note"),
                                    approved_by=current_user(), insurer_ref=d.get("insurer_ref"))
    notify_claim_status(db_session.query(Claim).get(claim_id))
    return model_to_dict(s)


@bp.route("/claims/<int:claim_id>/documents", methods=["POST"])
@require_api_key
@json_endpoint
def upload_claim_document(claim_id):
    f = request.files.get("file")
    if f is None:
        raise ApiError("file is required")
    # TODO: actually upload to S3, for now we only store the name (since 2020...)
    key = "claims/%d/%s" % (claim_id, f.filename)
    doc = claims_service.attach_document(claim_id, request.form.get("doc_type", "photo"),
                                         f.filename, key, user=current_user())
    return model_to_dict(doc), 201
