"""JSON API for the festival mobile app (v1). Added 2020 by the app agency.

Public endpoints only -- no auth apart from the order hash on /my-tickets.
"""
from flask import Blueprint, jsonify, request

from festival.extensions import cache, db
from festival.helpers import current_festival_year, order_reference_hash
from festival.models import (Campsite, FestivalDay, LostPropertyItem, PerformanceSlot, Stage,
                             StallPitch, TicketOrder, Vendor, VendorApplication, Wristband)
from festival.scheduling import running_order

api_bp = Blueprint("api", __name__)


def api_error(message, status=400):
    resp = jsonify({"error": message})
    resp.status_code = status
    return resp


@api_bp.route("/lineup")
@cache.cached(timeout=120, query_string=True)
def api_lineup():
    year = current_festival_year()
    days = FestivalDay.query.filter_by(year=year).order_by(FestivalDay.date).all()
    stages = {s.id: s.display_name for s in Stage.query.filter_by(is_active=True)}
    out = []
    for day in days:
        for stage_id, sets in running_order(day.id).items():
            out.append({"day": day.label, "date": day.date.isoformat(),
                        "stage": stages.get(stage_id), "sets": sets})
    return jsonify(out)


@api_bp.route("/stages/<int:stage_id>/now")
def api_stage_now(stage_id):
    from festival.utils.dates import utcnow
    now = utcnow()
    slot = PerformanceSlot.query.filter(PerformanceSlot.stage_id == stage_id,
                                        PerformanceSlot.status == "published",
                                        PerformanceSlot.start_time <= now,
                                        PerformanceSlot.end_time > now).first()
    nxt = PerformanceSlot.query.filter(PerformanceSlot.stage_id == stage_id,
                                       PerformanceSlot.status == "published",
                                       PerformanceSlot.start_time > now) \
        .order_by(PerformanceSlot.start_time).first()
    return jsonify({"now": slot.act_name if slot else None,
                    "next": nxt.act_name if nxt else None,
                    "next_at": nxt.start_time.strftime("%H:%M") if nxt else None})


@api_bp.route("/my-tickets/<reference>/<h>")
def api_my_tickets(reference, h):
    order = TicketOrder.by_reference(reference)
    if order is None or h != order_reference_hash(order.reference, order.buyer_email):
        return api_error("not found", 404)
    return jsonify([{"barcode": t.barcode, "type": t.ticket_type.name, "holder": t.holder_name,
                     "status": t.status,
                     "wristband": t.wristband.rfid_uid if t.wristband else None}
                    for t in order.tickets])


@api_bp.route("/wristbands/<uid>/status")
def api_wristband_status(uid):
    band = Wristband.query.filter_by(rfid_uid=uid.upper()).first()
    if band is None:
        return api_error("unknown wristband", 404)
    return jsonify({"active": band.is_usable, "cashless": band.cashless_enabled,
                    "colour": band.colour})


@api_bp.route("/food")
@cache.cached(timeout=600)
def api_food_stalls():
    year = current_festival_year()
    rows = db.session.query(Vendor, StallPitch).join(
        VendorApplication, VendorApplication.vendor_id == Vendor.id).outerjoin(
        StallPitch, (StallPitch.vendor_id == Vendor.id) & (StallPitch.year == year)).filter(
        VendorApplication.year == year, VendorApplication.status == "accepted",
        Vendor.category.in_(["food", "bar"])).all()
    return jsonify([{"name": v.trading_name or v.name, "category": v.category,
                     "pitch": p.code if p else None, "zone": p.zone if p else None}
                    for v, p in rows])


@api_bp.route("/campsites")
@cache.cached(timeout=600)
def api_campsites():
    return jsonify([{"id": c.id, "name": c.name, "kind": c.kind, "showers": c.has_showers}
                    for c in Campsite.query.order_by(Campsite.name)])


@api_bp.route("/lost-property", methods=["POST"])
def api_report_lost_item():
    data = request.get_json(force=True) or {}
    if not data.get("description"):
        return api_error("description required")
    item = LostPropertyItem(description=data["description"][:255],
                            category=data.get("category", "other"),
                            found_location=data.get("where"), reported_lost=True,
                            contact_email=data.get("email"))
    db.session.add(item)
    db.session.commit()
    from festival.security.incidents import match_lost_property
    match = match_lost_property(item)
    return jsonify({"id": item.id, "matched": match is not None}), 201
