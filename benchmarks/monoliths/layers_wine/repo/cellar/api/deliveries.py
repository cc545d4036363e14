from datetime import date

from flask import Blueprint, g, request

from cellar.auth import role_required
from cellar.models.base import model_to_dict
from cellar.models.logistics import DeliveryRoute
from cellar.services import delivery_service
from cellar.utils.dates import parse_date
from cellar.utils.decorators import json_response

bp = Blueprint("deliveries", __name__, url_prefix="/api/deliveries")


@bp.route("/routes")
@role_required("warehouse", "sales")
@json_response
def routes_for_day():
    day = parse_date(request.args.get("date")) or date.today()
    out = []
    for r in DeliveryRoute.query.filter_by(route_date=day):
        d = model_to_dict(r)
        d["stops"] = [model_to_dict(s) for s in r.stops]
        out.append(d)
    return out


@bp.route("/routes/plan", methods=["POST"])
@role_required("warehouse")
@json_response
def plan():
    day = parse_date(request.get_json().get("date"))
    return {"planned": delivery_service.plan_routes_for_date(day)}


@bp.route("/routes/<int:route_id>/dispatch", methods=["POST"])
@role_required("warehouse")
@json_response
def dispatch(route_id):
    delivery_service.dispatch_route(route_id, g.user.id)
    return {"ok": True}


@bp.route("/<int:delivery_id>/pod", methods=["POST"])
@role_required("warehouse", "driver")
@json_response
def proof_of_delivery(delivery_id):
    d = request.form or request.get_json()
    image = request.files.get("signature")
    path = None
    if image:
        path = "/srv/pod/%s.png" % delivery_id
        image.save(path)
    delivery_service.record_pod(delivery_id, d.get("signed_by"), path, g.user.id)
    return {"ok": True}


@bp.route("/<int:delivery_id>/failed", methods=["POST"])
@role_required("warehouse", "driver")
@json_response
def failed(delivery_id):
    delivery_service.record_failed_delivery(delivery_id, request.get_json()["reason"], g.user.id)
    return {"ok": True}
