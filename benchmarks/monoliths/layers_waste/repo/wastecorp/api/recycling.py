from flask import Blueprint, request

from wastecorp.api import error_response, json_body
from wastecorp.extensions import db
from wastecorp.models import model_to_dict
from wastecorp.models.materials import MaterialBuyer, SalesOrder
from wastecorp.services import recycling_service
from wastecorp.services.recycling_service import BuyerNotFound, LotError
from wastecorp.utils.dates import parse_date, today
from wastecorp.utils.decorators import json_response, login_required, roles_required

bp = Blueprint("recycling", __name__)


@bp.route("/buyers", methods=["GET"])
@login_required
@json_response
def list_buyers():
    rows = db.session.query(MaterialBuyer).filter_by(active=True).order_by(MaterialBuyer.name)
    return {"items": [model_to_dict(b) for b in rows]}


@bp.route("/lots", methods=["POST"])
@roles_required("mrf")
def create_lot_view():
    d = json_body()
    try:
        lot = recycling_service.create_bale_lot(d["stream"], d["grade"], d["bale_count"],
                                                d["weight_kg"])
    except LotError as exc:
        return error_response(str(exc))
    return model_to_dict(lot), 201


@bp.route("/lots/<int:lot_id>/grade", methods=["POST"])
@roles_required("mrf")
@json_response
def grade_lot_view(lot_id):
    lot = recycling_service.grade_bale_lot(lot_id, json_body()["contamination_pct"])
    return model_to_dict(lot)


@bp.route("/stock", methods=["GET"])
@login_required
@json_response
def stock_view():
    rows = recycling_service.stock_by_grade()
    for r in rows:
        r["tonnes"] = float(r["tonnes"])
    return {"items": rows}


@bp.route("/orders", methods=["POST"])
@roles_required("commercial")
def create_order_view():
    d = json_body()
    try:
        so = recycling_service.create_sales_order(d["buyer_id"], d["grade"],
                                                  d["target_tonnes"], d.get("price"))
    except BuyerNotFound:
        return error_response("buyer not found", 404)
    recycling_service.allocate_lots_to_order(so.id)
    return model_to_dict(so), 201


@bp.route("/orders/<int:order_id>/ship", methods=["POST"])
@roles_required("commercial", "mrf")
def ship_order_view(order_id):
    d = json_body()
    try:
        sh = recycling_service.ship_order(order_id, d["haulier"], d.get("container_no"),
                                          d.get("ticket_no"), d.get("annex_vii_ref"))
    except LotError as exc:
        return error_response(str(exc))
    return model_to_dict(sh)


@bp.route("/prices", methods=["GET", "POST"])
@login_required
@json_response
def prices_view():
    if request.method == "POST":
        d = json_body()
        cp = recycling_service.record_commodity_price(d["grade"], d["price"],
                                                      parse_date(d.get("date")),
                                                      d.get("source", "MANUAL"))
        return model_to_dict(cp)
    grade = request.args.get("grade")
    return {"grade": grade, "price": str(recycling_service.price_for_material(grade))}


@bp.route("/rebates", methods=["GET"])
@roles_required("commercial", "finance")
@json_response
def rebates_view():
    start = parse_date(request.args.get("from"))
    end = parse_date(request.args.get("to")) or today()
    rows = recycling_service.rebate_summary(start, end)
    return {"items": [{"grade": r["grade"], "tonnes": float(r["tonnes"]),
                       "revenue": str(r["revenue"])} for r in rows]}
