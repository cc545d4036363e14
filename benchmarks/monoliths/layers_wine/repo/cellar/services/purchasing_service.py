import logging
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import text

from cellar.db import next_document_number
from cellar.extensions import db
from cellar.models.product import Wine
from cellar.models.purchasing import CustomsEntry, PurchaseOrder, PurchaseOrderLine, Shipment
from cellar.repositories.product_repo import ProducerRepository
from cellar.repositories.purchase_repo import PurchaseOrderRepository, ShipmentRepository
from cellar.services import inventory_service
from cellar.utils.audit import log_action
from cellar.utils.errors import BusinessRuleError
from cellar.utils.money import convert_currency, round_money, to_decimal

log = logging.getLogger(__name__)

purchase_orders = PurchaseOrderRepository()
shipments = ShipmentRepository()


def create_purchase_order(producer_id, buyer_id, lines=None, in_bond=True):
    producer = ProducerRepository().get(producer_id)
    po = PurchaseOrder(producer_id=producer.id, buyer_id=buyer_id, currency=producer.currency,
                       order_date=date.today(), in_bond=in_bond,
                       expected_date=date.today() + timedelta(days=producer.lead_time_days or 42))
    po.number = next_document_number("PO", "po_seq")
    db.session.add(po)
    for line in lines or []:
        add_po_line(po, line["wine_id"], line["cases"], line.get("unit_cost"))
    db.session.commit()
    return po


def add_po_line(po, wine_id, cases, unit_cost=None):
    if po.status not in ("draft", "sent"):
        raise BusinessRuleError("purchase order %s is %s" % (po.number, po.status))
    wine = db.session.query(Wine).get(wine_id)
    if wine.producer_id != po.producer_id:
        raise BusinessRuleError("wine %s is not from this producer" % wine.sku)
    line = PurchaseOrderLine(wine_id=wine.id, cases=int(cases),
                             unit_cost=to_decimal(unit_cost) if unit_cost else wine.cost_price)
    po.lines.append(line)
    return line


def send_purchase_order(po_id, user_id=None):
    from cellar.services.notification_service import notify_po_to_producer
    po = purchase_orders.get(po_id)
    if not po.lines:
        raise BusinessRuleError("empty purchase order")
    po.status = "sent"
    notify_po_to_producer(po)
    log_action("send", "purchase_order", po.id, user_id)
    db.session.commit()


def confirm_purchase_order(po_id, fx_rate=None, expected_date=None):
    po = purchase_orders.get(po_id)
    po.status = "confirmed"
    if fx_rate:
        po.fx_rate = to_decimal(fx_rate)
    if expected_date:
        po.expected_date = expected_date
    db.session.commit()
    return po


def cancel_purchase_order(po_id, user_id=None, reason=None):
    po = purchase_orders.get(po_id)
    if po.status in ("shipped", "received"):
        raise BusinessRuleError("too late to cancel %s" % po.number)
    po.status = "cancelled"
    po.notes = (po.notes or "") + "\nCancelled: %s" % (reason or "-")
    log_action("cancel", "purchase_order", po.id, user_id)
    db.session.commit()


def book_shipment(po_ids, forwarder, mode="road", etd=None, eta=None, freight_cost=None):
    shipment = Shipment(forwarder=forwarder, mode=mode, etd=etd, eta=eta,
                        freight_cost=to_decimal(freight_cost))
    db.session.add(shipment)
    for po in PurchaseOrder.query.filter(PurchaseOrder.id.in_(po_ids)).all():
        po.shipment = shipment
        po.status = "shipped"
        shipment.origin_country = po.producer.country
    db.session.commit()
    return shipment


def record_customs_entry(shipment_id, mrn, import_duty=0, import_vat=0, broker_fee=0):
    entry = shipments.customs_entry(shipment_id)
    if entry is None:
        entry = CustomsEntry(shipment_id=shipment_id)
        db.session.add(entry)
    entry.mrn = mrn
    entry.import_duty = round_money(import_duty)
    entry.import_vat = round_money(import_vat)
    entry.broker_fee = round_money(broker_fee)
    entry.cleared = True
    db.session.commit()
    return entry


def receive_shipment(shipment_id, warehouse_code, user_id=None):
    """Goods in: every PO line becomes a lot in the receiving warehouse."""
    from cellar.services.compliance_service import check_shipment_documents
    shipment = shipments.get(shipment_id)
    if shipment.arrived_at:
        raise BusinessRuleError("shipment already received")
    check_shipment_documents(shipment)
    costs = calculate_landed_costs(shipment)
    for po in shipment.orders:
        for line in po.lines:
            bottles = line.cases * line.wine.bottles_per_case
            inventory_service.receive_lot(line.wine_id, bottles, warehouse_code,
                                          unit_cost=costs.get(line.id),
                                          po_line_id=line.id, duty_paid=not po.in_bond,
                                          user_id=user_id)
            line.received_cases = line.cases
            line.wine.landed_cost = costs.get(line.id)
        po.status = "received"
    shipment.arrived_at = datetime.utcnow()
    shipment.status = "arrived"
    log_action("receive", "shipment", shipment.id, user_id)
    db.session.commit()


def calculate_landed_costs(shipment):
    """GBP per bottle per PO line: cost + share of freight/insurance/broker (+duty if duty paid)."""
    from cellar.services.compliance_service import duty_per_bottle
    lines = [l for po in shipment.orders for l in po.lines]
    total_bottles = sum(l.cases * l.wine.bottles_per_case for l in lines) or 1
    entry = shipments.customs_entry(shipment.id)
    overheads = to_decimal(shipment.freight_cost) + to_decimal(shipment.insurance_cost)
    if entry is not None:
        overheads += to_decimal(entry.broker_fee) + to_decimal(entry.import_duty)
    per_bottle_overhead = overheads / Decimal(total_bottles)
    result = {}
    for line in lines:
        po = line.order
        cost_gbp = convert_currency(line.unit_cost, po.currency, "GBP", po.fx_rate)
        landed = cost_gbp + per_bottle_overhead
        if not po.in_bond:
            landed += duty_per_bottle(line.wine)
        result[line.id] = landed.quantize(Decimal("0.0001"))
    return result


def suggest_reorders(weeks_cover=8):
    """Wines whose stock + on order won't cover N weeks of sales (last 90 days)."""
    from cellar.repositories.stock_repo import available_by_wine
    available = available_by_wine()
    on_order = purchase_orders.on_order_by_wine()
    velocity = db.session.execute(text(
        "SELECT l.wine_id, SUM(l.qty_bottles) / 13.0 AS per_week FROM sales_order_lines l "
        "JOIN sales_orders o ON o.id = l.sales_order_id "
        "WHERE o.order_date > CURRENT_DATE - 90 AND o.status <> 'cancelled' GROUP BY l.wine_id"))
    out = []
    for wine_id, per_week in velocity:
        cover = (available.get(wine_id, 0) + on_order.get(wine_id, 0)) / max(per_week, 0.1)
        if cover < weeks_cover:
            out.append({"wine_id": wine_id, "weeks_cover": round(cover, 1)})
    return sorted(out, key=lambda r: r["weeks_cover"])


def _old_landed_cost(line, fx):
    # pre-2021 calculation, kept for the audit of the 2020 accounts
    return to_decimal(line.unit_cost) * to_decimal(fx) * Decimal("1.08")
