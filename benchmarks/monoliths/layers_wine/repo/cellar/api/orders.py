from flask import Blueprint, g, request

from cellar.auth import login_required, role_required
from cellar.db import paginate
from cellar.models.orders import SalesOrder
from cellar.services import order_service
from cellar.utils.dates import parse_date
from cellar.utils.decorators import json_response

bp = Blueprint("orders", __name__, url_prefix="/api/orders")


@bp.route("/")
@login_required
@json_response
def list_orders():
    q = SalesOrder.query
    if request.args.get("status"):
        q = q.filter(SalesOrder.status == request.args["status"])
    if request.args.get("customer_id"):
        q = q.filter(SalesOrder.customer_id == int(request.args["customer_id"]))
    page = paginate(q.order_by(SalesOrder.id.desc()), request.args.get("page"))
    page["items"] = [order_service.order_to_dict(o) for o in page["items"]]
    return page


@bp.route("/", methods=["POST"])
@role_required("sales")
@json_response
def create_order():
    d = request.get_json()
    order = order_service.create_order(d["customer_id"], g.user.id,
                                       parse_date(d.get("requested_delivery")),
                                       d.get("channel", "rep"), d.get("customer_ref"))
    for line in d.get("lines", []):
        order_service.add_line(order.id, line["wine_id"], line["qty"], line.get("unit_price"))
    return order_service.order_to_dict(order), 201


@bp.route("/<int:order_id>/lines", methods=["POST"])
@role_required("sales")
@json_response
def add_order_line(order_id):
    d = request.get_json()
    order_service.add_line(order_id, d["wine_id"], d["qty"], d.get("unit_price"))
    return order_service.order_to_dict(SalesOrder.query.get(order_id))


@bp.route("/<int:order_id>/confirm", methods=["POST"])
@role_required("sales")
@json_response
def confirm(order_id):
    skip = bool(request.args.get("skip_credit")) and g.user.role.name == "admin"
    order = order_service.confirm_order(order_id, g.user.id, skip_credit_check=skip)
    return order_service.order_to_dict(order)


@bp.route("/<int:order_id>/cancel", methods=["POST"])
@role_required("sales")
@json_response
def cancel(order_id):
    order_service.cancel_order(order_id, g.user.id, (request.get_json() or {}).get("reason"))
    return {"ok": True}
