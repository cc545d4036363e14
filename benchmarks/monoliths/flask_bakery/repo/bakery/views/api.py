"""JSON API for devices: tills, fridge probes, the drivers' phone app.

Authenticated with X-Api-Key (per device, in config DEVICE_API_KEYS).
"""
import datetime
from decimal import Decimal

from flask import Blueprint, request

from bakery.haccp.checks import record_reading
from bakery.haccp.models import Equipment
from bakery.helpers.decorators import api_key_required, json_endpoint
from bakery.helpers.formatting import format_receipt_lines
from bakery.loyalty.models import PointsEntry
from bakery.loyalty.points import balance_for, find_card
from bakery.models import (DeliveryDrop, Employee, Product, StockLevel,
                           TillSession, product_by_sku)
from bakery.pricing import shop_price_list
from bakery.services import (ServiceError, mark_delivered, record_sale,
                             run_summary, runs_for_driver)

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.route("/tills/<int:session_id>/products")
@api_key_required
@json_endpoint
def till_products(session_id):
    session = TillSession.get_or_none(TillSession.id == session_id)
    if session is None or not session.is_open:
        return {"error": "session not open"}, 404
    prices = shop_price_list(session.till.shop_id)
    products = Product.select().where(Product.sku.in_(list(prices) or [""]))
    return {"products": [{"sku": p.sku, "name": p.name, "category": p.category,
                          "price": str(prices[p.sku])} for p in products]}


@bp.route("/tills/<int:session_id>/sales", methods=["POST"])
@api_key_required
@json_endpoint
def till_sale(session_id):
    session = TillSession.get_or_none(TillSession.id == session_id)
    if session is None or not session.is_open:
        return {"error": "session not open"}, 409
    payload = request.get_json(force=True)
    lines = []
    for item in payload.get("lines", []):
        product = product_by_sku(item["sku"])
        if product is None:
            raise ValueError("unknown sku %s" % item["sku"])
        lines.append((product, int(item.get("qty", 1)), bool(item.get("markdown"))))
    try:
        sale = record_sale(session, lines, payment_method=payload.get("payment", "card"),
                           card_number=payload.get("loyalty_card"),
                           discount=Decimal(str(payload.get("discount", "0"))))
    except ServiceError as exc:
        return {"error": str(exc)}, 422
    return {"sale_id": sale.id, "total": str(sale.total), "receipt": format_receipt_lines(sale)}, 201


@bp.route("/loyalty/cards/<number>")
@api_key_required
@json_endpoint
def loyalty_card(number):
    card = find_card(number)
    if card is None:
        return {"error": "unknown card"}, 404
    member = card.member
    if member is None:
        return {"card": number, "registered": False}
    last = (PointsEntry.select().where(PointsEntry.member == member)
            .order_by(PointsEntry.occurred_at.desc()).first())
    return {"card": number, "registered": True, "name": member.first_name, "tier": member.tier,
            "balance": balance_for(member),
            "last_visit": last.occurred_at.isoformat() if last else None}


@bp.route("/probes/<probe_id>/readings", methods=["POST"])
@api_key_required
@json_endpoint
def probe_reading(probe_id):
    eq = Equipment.get_or_none((Equipment.probe_id == probe_id) & (Equipment.active == True))  # noqa: E712
    if eq is None:
        return {"error": "unknown probe"}, 404
    payload = request.get_json(force=True)
    reading = record_reading(eq, float(payload["value_c"]), source="probe")
    return {"reading_id": reading.id, "out_of_range": reading.out_of_range}, 201


@bp.route("/drivers/<int:employee_id>/runs")
@api_key_required
@json_endpoint
def driver_runs(employee_id):
    employee = Employee.get_or_none(Employee.id == employee_id)
    if employee is None:
        return {"error": "unknown driver"}, 404
    out = []
    for run in runs_for_driver(employee):
        summary = run_summary(run)
        summary.pop("driver", None)
        summary["id"] = run.id
        summary["stops"] = [{"drop_id": d.id, "seq": d.sequence, "customer": d.order.customer.name,
                             "postcode": d.order.customer.postcode, "done": bool(d.delivered_at)}
                            for d in run.drops.order_by(DeliveryDrop.sequence)]
        out.append(summary)
    return {"runs": out}


@bp.route("/drops/<int:drop_id>/delivered", methods=["POST"])
@api_key_required
@json_endpoint
def drop_delivered(drop_id):
    drop = DeliveryDrop.get_or_none(DeliveryDrop.id == drop_id)
    if drop is None:
        return {"error": "unknown drop"}, 404
    payload = request.get_json(force=True) or {}
    qtys = {int(k): int(v) for k, v in (payload.get("quantities") or {}).items()}
    mark_delivered(drop, signed_by=payload.get("signed_by"), quantities=qtys, problem=payload.get("problem"))
    if payload.get("photo_url"):
        DeliveryDrop.update(photo_url=payload["photo_url"]).where(DeliveryDrop.id == drop.id).execute()
    return {"delivered_at": datetime.datetime.utcnow().isoformat()}


@bp.route("/stock/<int:location_id>")
@api_key_required
@json_endpoint
def stock_levels(location_id):
    # used by the bakehouse tablet for the morning count
    rows = StockLevel.select().where(StockLevel.location_id == location_id)
    return {"levels": [{"ingredient_id": r.ingredient_id, "quantity": r.quantity} for r in rows]}
