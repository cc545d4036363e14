from flask import Blueprint, request

from cellar.auth import login_required, role_required
from cellar.models.base import model_to_dict
from cellar.models.customer import Customer
from cellar.models.orders import PriceList
from cellar.models.product import Wine
from cellar.services import pricing_service
from cellar.utils.decorators import json_response

bp = Blueprint("pricing", __name__, url_prefix="/api/pricing")


@bp.route("/lists")
@login_required
@json_response
def list_price_lists():
    return [model_to_dict(p) for p in PriceList.query.order_by(PriceList.valid_from.desc())]


@bp.route("/lists/<int:list_id>/rebuild", methods=["POST"])
@role_required("buyer")
@json_response
def rebuild(list_id):
    return {"items": pricing_service.build_price_list_from_costs(list_id)}


@bp.route("/lists/<int:list_id>/publish", methods=["POST"])
@role_required("buyer")
@json_response
def publish(list_id):
    return model_to_dict(pricing_service.publish_price_list(list_id, notify=request.args.get("notify") != "0"))


@bp.route("/quote")
@login_required
@json_response
def quote():
    customer = Customer.query.get_or_404(int(request.args["customer_id"]))
    wine = Wine.query.get_or_404(int(request.args["wine_id"]))
    unit, discount = pricing_service.price_line(customer, wine, int(request.args.get("qty", 12)))
    return {"unit_price": str(unit), "discount_pct": str(discount)}
