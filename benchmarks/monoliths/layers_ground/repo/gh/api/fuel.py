from flask import Blueprint, request
from flask_login import current_user

from gh.api.auth import roles_required, token_auth
from gh.repositories.assets import pending_fuel_orders
from gh.services import fuel_service
from gh.utils.decorators import json_endpoint

bp = Blueprint("fuel", __name__, url_prefix="/api/fuel")


def order_to_dict(o):
    return {"id": o.id, "flight_id": o.flight_id, "litres": o.requested_litres, "status": o.status,
            "bowser_id": o.bowser_id}


@bp.route("/orders")
@roles_required("fueller", "ops_controller")
@json_endpoint
def list_orders():
    return [order_to_dict(o) for o in pending_fuel_orders()]


@bp.route("/orders", methods=["POST"])
@token_auth
@json_endpoint
def create_order():
    d = request.get_json()
    o = fuel_service.request_fuel(d["flight_id"], d.get("litres"), d.get("kg"), d.get("requested_by"))
    return order_to_dict(o), 201


@bp.route("/orders/<int:order_id>/dispatch", methods=["POST"])
@roles_required("fueller")
@json_endpoint
def dispatch(order_id):
    return order_to_dict(fuel_service.dispatch_bowser(order_id, current_user.staff_id))


@bp.route("/orders/<int:order_id>/delivery", methods=["POST"])
@roles_required("fueller")
@json_endpoint
def delivery(order_id):
    d = request.get_json()
    dl = fuel_service.record_delivery(order_id, int(d["litres"]), d.get("meter_start"), d.get("meter_end"),
                                      d.get("density"), d.get("docket_no"))
    return {"id": dl.id}, 201
