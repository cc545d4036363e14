from flask import Blueprint, g, request

from cellar.auth import role_required
from cellar.db import get_or_404
from cellar.models.base import model_to_dict
from cellar.models.purchasing import PurchaseOrder, Shipment
from cellar.services import purchasing_service
from cellar.utils.dates import parse_date
from cellar.utils.decorators import json_response

bp = Blueprint("purchasing", __name__, url_prefix="/api/purchasing")


def _po_dict(po):
    d = model_to_dict(po)
    d["lines"] = [model_to_dict(l) for l in po.lines]
    return d


@bp.route("/orders", methods=["GET"])
@role_required("buyer", "accounts")
@json_response
def list_purchase_orders():
    q = PurchaseOrder.query
    if request.args.get("status"):
        q = q.filter_by(status=request.args["status"])
    return [_po_dict(po) for po in q.order_by(PurchaseOrder.order_date.desc()).limit(200)]


@bp.route("/orders", methods=["POST"])
@role_required("buyer")
@json_response
def create_purchase_order():
    data = request.get_json()
    po = purchasing_service.create_purchase_order(data["producer_id"], g.user.id, data.get("lines"),
                                                  in_bond=data.get("in_bond", True))
    return _po_dict(po), 201


@bp.route("/orders/<int:po_id>/send", methods=["POST"])
@role_required("buyer")
@json_response
def send_purchase_order(po_id):
    purchasing_service.send_purchase_order(po_id, g.user.id)
    return {"ok": True}


@bp.route("/shipments", methods=["POST"])
@role_required("buyer")
@json_response
def book_shipment():
    d = request.get_json()
    s = purchasing_service.book_shipment(d["purchase_orders"], d["forwarder"], d.get("mode", "road"),
                                         parse_date(d.get("etd")), parse_date(d.get("eta")),
                                         d.get("freight_cost"))
    return model_to_dict(s), 201


@bp.route("/shipments/<int:shipment_id>/customs", methods=["POST"])
@role_required("buyer", "accounts")
@json_response
def customs_entry(shipment_id):
    d = request.get_json()
    e = purchasing_service.record_customs_entry(shipment_id, d["mrn"], d.get("import_duty", 0),
                                                d.get("import_vat", 0), d.get("broker_fee", 0))
    return model_to_dict(e)


@bp.route("/shipments/<int:shipment_id>/receive", methods=["POST"])
@role_required("warehouse", "buyer")
@json_response
def receive_shipment(shipment_id):
    get_or_404(Shipment, shipment_id)
    wh = request.get_json().get("warehouse", "BRISTOL-BOND")
    purchasing_service.receive_shipment(shipment_id, wh, g.user.id)
    from cellar.services.order_service import allocate_backorders
    allocate_backorders()
    return {"ok": True}
