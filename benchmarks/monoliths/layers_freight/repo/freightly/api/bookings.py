"""Bookings and shipments endpoints."""
from flask import Blueprint, request

from freightly.api import ApiError, current_user, get_json_or_400, pagination_args
from freightly.extensions import db_session
from freightly.models import model_to_dict
from freightly.repositories.invoice_repo import InvoiceRepository
from freightly.repositories.shipment_repo import (BookingRequestRepository,
                                                  ShipmentRepository)
from freightly.services import booking_service, tracking_service
from freightly.services.billing_service import invoice_to_dict
from freightly.services.notifications import notify_booking_confirmed
from freightly.services.shipment_manager import ShipmentManager, shipment_summary
from freightly.utils.db import paginate
from freightly.utils.decorators import json_endpoint, require_api_key

bp = Blueprint("bookings", __name__)


@bp.route("/requests", methods=["POST"])
@require_api_key
@json_endpoint
def create_booking_request():
    req = booking_service.create_booking_request(get_json_or_400())
    return model_to_dict(req), 201


@bp.route("/requests", methods=["GET"])
@require_api_key
@json_endpoint
def list_booking_requests():
    customer_id = request.args.get("customer_id", type=int)
    return [model_to_dict(r) for r in BookingRequestRepository().open_requests(customer_id)]


@bp.route("/requests/<int:request_id>/quote", methods=["POST"])
@require_api_key
@json_endpoint
def quote_booking_request(request_id):
    data = request.get_json(silent=True) or {}
    req, best = booking_service.quote_booking_request(request_id, data.get("margin_pct"))
    return {"request": model_to_dict(req), "buy": best.as_dict()}


@bp.route("/requests/<int:request_id>/confirm", methods=["POST"])
@require_api_key
@json_endpoint
def confirm_booking(request_id):
    shipment = booking_service.confirm_booking(request_id, user=current_user())
    try:
        notify_booking_confirmed(shipment)
    except Exception:
        pass  # mail problems must not break booking
    return booking_service.shipment_to_dict(shipment), 201


@bp.route("/shipments", methods=["GET"])
@require_api_key
@json_endpoint
def list_shipments():
    page, per_page = pagination_args()
    q = ShipmentRepository().search(
        customer_id=request.args.get("customer_id", type=int),
        status=request.args.getlist("status") or None,
        origin=request.args.get("origin"),
        destination=request.args.get("destination"),
        text_query=request.args.get("q"))
    result = paginate(q, page, per_page)
    result["items"] = [booking_service.shipment_to_dict(s, with_legs=False)
                       for s in result["items"]]
    return result


@bp.route("/shipments/<ref>", methods=["GET"])
@require_api_key
@json_endpoint
def get_shipment(ref):
    s = ShipmentManager().get(ref)
    data = booking_service.shipment_to_dict(s)
    data["summary"] = shipment_summary(s.id)
    return data


@bp.route("/shipments/<int:shipment_id>/cancel", methods=["POST"])
@require_api_key
@json_endpoint
def cancel_shipment(shipment_id):
    data = get_json_or_400()
    if not data.get("reason"):
        raise ApiError("reason is required")
    s = booking_service.cancel_shipment(shipment_id, data["reason"], user=current_user())
    return booking_service.shipment_to_dict(s)


@bp.route("/shipments/<int:shipment_id>/containers", methods=["POST"])
@require_api_key
@json_endpoint
def add_container(shipment_id):
    c = booking_service.add_container(shipment_id, get_json_or_400())
    return model_to_dict(c), 201


@bp.route("/shipments/<int:shipment_id>/legs", methods=["POST"])
@require_api_key
@json_endpoint
def add_leg(shipment_id):
    leg = booking_service.add_leg(shipment_id, get_json_or_400())
    return model_to_dict(leg), 201


@bp.route("/shipments/<int:shipment_id>/parties", methods=["PUT"])
@require_api_key
@json_endpoint
def set_parties(shipment_id):
    parties = booking_service.set_parties(shipment_id, get_json_or_400().get("parties", []))
    return [model_to_dict(p) for p in parties]


@bp.route("/shipments/<int:shipment_id>/carrier-confirmation", methods=["POST"])
@require_api_key
@json_endpoint
def carrier_confirmation(shipment_id):
    data = get_json_or_400()
    mgr = ShipmentManager(user=current_user())
    s = mgr.confirm_with_carrier(mgr.get(shipment_id), data.get("master_bill"),
                                 data.get("vessel"), data.get("voyage"))
    return booking_service.shipment_to_dict(s)


@bp.route("/shipments/<int:shipment_id>/timeline", methods=["GET"])
@require_api_key
@json_endpoint
def shipment_timeline(shipment_id):
    # lives here because the customer portal only knows the bookings API
    return tracking_service.timeline(shipment_id)


@bp.route("/shipments/<int:shipment_id>/invoices", methods=["GET"])
@require_api_key
@json_endpoint
def shipment_invoices(shipment_id):
    return [invoice_to_dict(i) for i in InvoiceRepository().for_shipment(shipment_id)]
