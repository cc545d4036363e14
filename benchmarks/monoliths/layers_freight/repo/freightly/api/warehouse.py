"""Warehouse endpoints."""
from flask import Blueprint, request

from freightly.api import ApiError, get_json_or_400
from freightly.models import model_to_dict
from freightly.services import warehouse_service
from freightly.utils.dates import parse_date
from freightly.utils.decorators import json_endpoint, require_api_key

bp = Blueprint("warehouse", __name__)


@bp.route("/<code>/receipts", methods=["POST"])
@require_api_key
@json_endpoint
def receive(code):
    d = get_json_or_400()
    if not d.get("items"):
        raise ApiError("items is required")
    r = warehouse_service.receive_inbound(code, d["customer_id"], d["items"],
                                          shipment_id=d.get("shipment_id"),
                                          damaged=d.get("damaged", False),
                                          remarks=d.get("remarks"))
    return model_to_dict(r), 201


@bp.route("/<code>/outbound", methods=["POST"])
@require_api_key
@json_endpoint
def create_outbound(code):
    d = get_json_or_400()
    o = warehouse_service.create_outbound(code, d["customer_id"], d["stock_item_id"],
                                          int(d["quantity"]))
    return model_to_dict(o), 201


@bp.route("/outbound/<int:order_id>/pick", methods=["POST"])
@require_api_key
@json_endpoint
def pick(order_id):
    return model_to_dict(warehouse_service.pick_outbound(order_id))


@bp.route("/outbound/<int:order_id>/ship", methods=["POST"])
@require_api_key
@json_endpoint
def ship(order_id):
    d = request.get_json(silent=True) or {}
    return model_to_dict(warehouse_service.ship_outbound(order_id, d.get("shipment_id")))


@bp.route("/stock", methods=["GET"])
@require_api_key
@json_endpoint
def stock_on_hand():
    items = warehouse_service.stock_on_hand(request.args.get("customer_id", type=int),
                                            request.args.get("warehouse_id", type=int))
    return [model_to_dict(i) for i in items]


@bp.route("/<code>/locations/free", methods=["GET"])
@require_api_key
@json_endpoint
def free_locations(code):
    wh = warehouse_service.get_warehouse(code)
    return [{"code": loc.code, "zone": loc.zone, "free": free}
            for loc, free in warehouse_service.free_locations(wh.id, request.args.get("zone"))]


@bp.route("/<code>/occupancy", methods=["GET"])
@require_api_key
@json_endpoint
def occupancy(code):
    wh = warehouse_service.get_warehouse(code)
    return warehouse_service.occupancy(wh.id)


@bp.route("/storage-charges", methods=["POST"])
@require_api_key
@json_endpoint
def run_storage_charges():
    d = get_json_or_400()
    charges = warehouse_service.compute_storage_charges(parse_date(d["period_start"]),
                                                        parse_date(d["period_end"]))
    return [model_to_dict(c) for c in charges]
