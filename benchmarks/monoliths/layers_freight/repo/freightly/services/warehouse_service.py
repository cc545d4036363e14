"""CFS / warehouse operations: receiving, putaway, picking, storage fees."""
import datetime
import logging
from decimal import Decimal

from sqlalchemy import func, text

from freightly.extensions import db_session
from freightly.models import (InboundReceipt, OutboundOrder, StockItem,
                              StorageCharge, Warehouse, WarehouseLocation)
from freightly.services import ServiceError
from freightly.utils.dates import parse_date, today, utcnow
from freightly.utils.money import D, round_money

log = logging.getLogger("freightly.warehouse")


class WarehouseError(ServiceError):
    pass


def get_warehouse(code_or_id, session=None):
    session = session or db_session
    if isinstance(code_or_id, int) or str(code_or_id).isdigit():
        wh = session.query(Warehouse).get(int(code_or_id))
    else:
        wh = session.query(Warehouse).filter_by(code=code_or_id.upper()).first()
    if wh is None:
        raise WarehouseError("warehouse %s not found" % code_or_id, 404)
    return wh


def free_locations(warehouse_id, zone=None, session=None):
    session = session or db_session
    used = (session.query(StockItem.location_id, func.sum(StockItem.pallets).label("p"))
            .filter(StockItem.warehouse_id == warehouse_id, StockItem.quantity > 0)
            .group_by(StockItem.location_id).subquery())
    q = (session.query(WarehouseLocation, used.c.p)
         .outerjoin(used, used.c.location_id == WarehouseLocation.id)
         .filter(WarehouseLocation.warehouse_id == warehouse_id,
                 WarehouseLocation.blocked.is_(False)))
    if zone:
        q = q.filter(WarehouseLocation.zone == zone)
    result = []
    for loc, pallets in q.all():
        free = (loc.max_pallets or 1) - int(pallets or 0)
        if free > 0:
            result.append((loc, free))
    result.sort(key=lambda t: t[0].code)
    return result


def allocate_location(warehouse_id, pallets, zone=None, session=None):
    for loc, free in free_locations(warehouse_id, zone, session):
        if free >= pallets:
            return loc
    raise WarehouseError("no free location for %d pallets in zone %s" % (pallets, zone), 409)


def receive_inbound(warehouse_code, customer_id, items, shipment_id=None, damaged=False,
                    remarks=None, session=None):
    """Register goods arriving at the warehouse and put them away."""
    session = session or db_session
    wh = get_warehouse(warehouse_code, session)
    receipt = InboundReceipt(warehouse_id=wh.id, customer_id=customer_id,
                             shipment_id=shipment_id, received_at=utcnow(),
                             pallets=sum(int(i.get("pallets") or 1) for i in items),
                             pieces=sum(int(i.get("quantity") or 0) for i in items),
                             damaged=damaged, remarks=remarks)
    session.add(receipt)
    session.flush()
    receipt.receipt_no = "%s-R%07d" % (wh.code, receipt.id)
    zone = "BOND" if wh.bonded else None
    for item in items:
        pallets = int(item.get("pallets") or 1)
        zone_for_item = item.get("zone") or zone
        loc = allocate_location(wh.id, pallets, zone_for_item, session)
        session.add(StockItem(warehouse_id=wh.id, location_id=loc.id, customer_id=customer_id,
                              receipt_id=receipt.id, sku=item.get("sku"),
                              description=item.get("description"),
                              quantity=int(item.get("quantity") or 0), pallets=pallets,
                              received_on=today(),
                              customs_status="bonded" if wh.bonded else "free"))
        session.flush()
    session.commit()
    log.info("received %s at %s", receipt.receipt_no, wh.code)
    return receipt


def create_outbound(warehouse_code, customer_id, stock_item_id, quantity, session=None):
    session = session or db_session
    wh = get_warehouse(warehouse_code, session)
    item = session.query(StockItem).get(stock_item_id)
    if item is None or item.customer_id != customer_id:
        raise WarehouseError("stock item %s not found for customer" % stock_item_id, 404)
    if item.customs_status == "bonded":
        raise WarehouseError("goods are in bond, customs release required", 409)
    if quantity > item.quantity:
        raise WarehouseError("only %d on hand" % item.quantity, 409)
    order = OutboundOrder(warehouse_id=wh.id, customer_id=customer_id,
                          stock_item_id=item.id, quantity=quantity,
                          pallets=item.pallets if quantity == item.quantity else 1)
    session.add(order)
    session.flush()
    order.order_no = "%s-O%07d" % (wh.code, order.id)
    session.commit()
    return order


def pick_outbound(order_id, session=None):
    session = session or db_session
    order = session.query(OutboundOrder).get(order_id)
    if order.status != "open":
        raise WarehouseError("order %s already %s" % (order.order_no, order.status), 409)
    item = session.query(StockItem).get(order.stock_item_id)
    item.quantity -= order.quantity
    if item.quantity <= 0:
        item.quantity = 0
        item.pallets = 0
    order.status = "picked"
    order.picked_at = utcnow()
    session.commit()
    return order


def ship_outbound(order_id, shipment_id=None, session=None):
    session = session or db_session
    order = session.query(OutboundOrder).get(order_id)
    order.status = "shipped"
    order.shipped_at = utcnow()
    order.shipment_id = shipment_id
    session.commit()
    return order


def release_from_bond(receipt_id, session=None):
    """Called when the import declaration is released."""
    session = session or db_session
    n = session.query(StockItem).filter_by(receipt_id=receipt_id, customs_status="bonded") \
        .update({"customs_status": "free"})
    session.commit()
    return n


def stock_on_hand(customer_id=None, warehouse_id=None, session=None):
    session = session or db_session
    q = session.query(StockItem).filter(StockItem.quantity > 0)
    if customer_id:
        q = q.filter(StockItem.customer_id == customer_id)
    if warehouse_id:
        q = q.filter(StockItem.warehouse_id == warehouse_id)
    return q.order_by(StockItem.received_on).all()


def compute_storage_charges(period_start, period_end, free_days=5, session=None):
    """Accrue storage per customer/warehouse for a period.

    pallet_days = sum over stock items of pallets * chargeable days in period.
    Goods are free for ``free_days`` after receipt.
    """
    session = session or db_session
    period_start = parse_date(period_start)
    period_end = parse_date(period_end)
    rows = session.execute(text(
        "SELECT s.warehouse_id, s.customer_id, s.pallets, s.received_on, w.daily_rate_per_pallet "
        "FROM stock_items s JOIN warehouses w ON w.id = s.warehouse_id "
        "WHERE s.quantity > 0 AND s.received_on <= :end"
    ), {"end": period_end}).fetchall()
    acc = {}
    for r in rows:
        chargeable_from = max(period_start, r.received_on + datetime.timedelta(days=free_days))
        if chargeable_from > period_end:
            continue
        days = (period_end - chargeable_from).days + 1
        key = (r.warehouse_id, r.customer_id)
        pd, rate = acc.get(key, (0, D(r.daily_rate_per_pallet)))
        acc[key] = (pd + days * int(r.pallets or 0), rate)
    charges = []
    for (wh_id, cust_id), (pallet_days, rate) in acc.items():
        if pallet_days <= 0:
            continue
        exists = session.query(StorageCharge).filter_by(
            warehouse_id=wh_id, customer_id=cust_id, period_start=period_start,
            period_end=period_end).first()
        if exists:
            continue
        charge = StorageCharge(warehouse_id=wh_id, customer_id=cust_id,
                               period_start=period_start, period_end=period_end,
                               pallet_days=pallet_days,
                               amount=round_money(rate * pallet_days), currency="EUR")
        session.add(charge)
        charges.append(charge)
    session.commit()
    return charges


def uninvoiced_storage_charges(customer_id=None, session=None):
    session = session or db_session
    q = session.query(StorageCharge).filter(StorageCharge.invoice_line_id.is_(None))
    if customer_id:
        q = q.filter(StorageCharge.customer_id == customer_id)
    return q.all()


def occupancy(warehouse_id, session=None):
    session = session or db_session
    wh = session.query(Warehouse).get(warehouse_id)
    used = session.query(func.coalesce(func.sum(StockItem.pallets), 0)).filter(
        StockItem.warehouse_id == warehouse_id, StockItem.quantity > 0).scalar()
    cap = wh.capacity_pallets or 1
    return {"warehouse": wh.code, "used": int(used), "capacity": cap,
            "pct": round(100.0 * int(used) / cap, 1)}
