"""MRF output: bale lots, buyers, sales orders and shipments."""
import datetime as dt
import logging
from decimal import Decimal

from sqlalchemy import func

from wastecorp.extensions import db
from wastecorp.models.materials import (MaterialBuyer, BaleLot, CommodityPrice,
                                        SalesOrder, SalesShipment, WasteStream)
from wastecorp.repositories import common_repo
from wastecorp.utils.dates import today, now
from wastecorp.utils.misc import tonnes_from_kg, send_email
from wastecorp.utils.money import round_money

log = logging.getLogger(__name__)

MAX_CONTAMINATION = {"OCC-11": Decimal("1.5"), "MIXED-PAPER": Decimal("3.0"),
                     "HDPE-NAT": Decimal("2.0"), "PET-CLEAR": Decimal("2.0"),
                     "ALU-UBC": Decimal("1.0"), "STEEL-CANS": Decimal("3.0")}


class BuyerNotFound(Exception):
    pass


class LotError(Exception):
    pass


def _next_lot_no():
    n = db.session.query(func.count(BaleLot.id)).scalar() or 0
    return "LOT%s%05d" % (today().strftime("%y"), n + 1)


def create_bale_lot(stream_code, material_grade, bale_count, weight_kg):
    stream = common_repo.waste_stream_by_code(stream_code)
    if stream is None or not stream.recyclable:
        raise LotError("%s is not a recyclable stream" % stream_code)
    lot = BaleLot(lot_no=_next_lot_no(), waste_stream_id=stream.id,
                  material_grade=material_grade, bale_count=bale_count,
                  weight_kg=weight_kg)
    db.session.add(lot)
    db.session.commit()
    return lot


def grade_bale_lot(lot_id, contamination_pct):
    lot = db.session.query(BaleLot).get(lot_id)
    lot.contamination_pct = contamination_pct
    limit = MAX_CONTAMINATION.get(lot.material_grade)
    if limit is not None and Decimal(str(contamination_pct)) > limit:
        # downgrade; OCC that fails goes as mixed paper
        if lot.material_grade == "OCC-11":
            lot.material_grade = "MIXED-PAPER"
        else:
            lot.material_grade = lot.material_grade + "-B"
    db.session.commit()
    return lot


def stock_by_grade():
    rows = (db.session.query(BaleLot.material_grade, func.count(BaleLot.id),
                             func.sum(BaleLot.weight_kg))
            .filter(BaleLot.status == "IN_STOCK")
            .group_by(BaleLot.material_grade).all())
    return [{"grade": g, "lots": n, "tonnes": tonnes_from_kg(kg)} for g, n, kg in rows]


def record_commodity_price(material_grade, price_per_tonne, effective_date=None,
                           source="MANUAL"):
    cp = CommodityPrice(material_grade=material_grade, price_per_tonne=price_per_tonne,
                        effective_date=effective_date or today(), source=source)
    db.session.add(cp)
    db.session.commit()
    return cp


def price_for_material(material_grade, on_date=None):
    on_date = on_date or today()
    cp = (db.session.query(CommodityPrice)
          .filter(CommodityPrice.material_grade == material_grade)
          .filter(CommodityPrice.effective_date <= on_date)
          .order_by(CommodityPrice.effective_date.desc()).first())
    return cp.price_per_tonne if cp else None


def create_buyer(name, country="GB", export_licence=None, contact_email=None):
    if country != "GB" and not export_licence:
        raise LotError("overseas buyers need an export licence on file")
    b = MaterialBuyer(name=name, country=country, export_licence=export_licence,
                      contact_email=contact_email)
    db.session.add(b)
    db.session.commit()
    return b


def create_sales_order(buyer_id, material_grade, target_tonnes, price_per_tonne=None):
    buyer = db.session.query(MaterialBuyer).get(buyer_id)
    if buyer is None or not buyer.active:
        raise BuyerNotFound(buyer_id)
    price = price_per_tonne or price_for_material(material_grade)
    n = db.session.query(func.count(SalesOrder.id)).scalar() or 0
    so = SalesOrder(order_no="SO%06d" % (n + 1), buyer_id=buyer.id,
                    material_grade=material_grade, agreed_price_per_tonne=price,
                    target_tonnes=target_tonnes)
    db.session.add(so)
    db.session.commit()
    return so


def allocate_lots_to_order(order_id):
    so = db.session.query(SalesOrder).get(order_id)
    target_kg = int(Decimal(so.target_tonnes) * 1000)
    allocated = sum(l.weight_kg for l in so.lots)
    lots = (db.session.query(BaleLot)
            .filter(BaleLot.status == "IN_STOCK", BaleLot.material_grade == so.material_grade)
            .order_by(BaleLot.created_at).all())
    for lot in lots:
        if allocated >= target_kg:
            break
        lot.sales_order_id = so.id
        lot.status = "ALLOCATED"
        allocated += lot.weight_kg
    db.session.commit()
    return allocated


def ship_order(order_id, haulier, container_no=None, outbound_ticket_no=None,
               annex_vii_ref=None):
    from wastecorp.models.materials import WeighbridgeTicket

    so = db.session.query(SalesOrder).get(order_id)
    if so.buyer.country != "GB" and not annex_vii_ref:
        raise LotError("Annex VII reference required for export")
    ticket = None
    if outbound_ticket_no:
        ticket = (db.session.query(WeighbridgeTicket)
                  .filter_by(ticket_no=outbound_ticket_no).first())
    net_kg = ticket.net_kg if ticket else sum(l.weight_kg for l in so.lots)
    sh = SalesShipment(sales_order_id=so.id, shipped_at=now(), haulier=haulier,
                       container_no=container_no,
                       outbound_ticket_id=ticket.id if ticket else None,
                       net_kg=net_kg, annex_vii_ref=annex_vii_ref)
    db.session.add(sh)
    for lot in so.lots:
        lot.status = "SHIPPED"
    so.status = "SHIPPED"
    db.session.commit()
    if so.buyer.contact_email:
        send_email(so.buyer.contact_email, "Shipment for order %s" % so.order_no,
                   "Shipped %s kg via %s, container %s" % (net_kg, haulier, container_no))
    return sh


def rebate_summary(start, end):
    """Revenue from material sales for the period, by grade."""
    rows = db.session.execute(db.text("""
        SELECT so.material_grade, SUM(sh.net_kg) AS kg,
               SUM(sh.net_kg / 1000.0 * so.agreed_price_per_tonne) AS revenue
          FROM sales_shipments sh
          JOIN sales_orders so ON so.id = sh.sales_order_id
         WHERE sh.shipped_at >= :s AND sh.shipped_at < :e
         GROUP BY so.material_grade
    """), {"s": start, "e": end + dt.timedelta(days=1)}).fetchall()
    return [{"grade": r[0], "tonnes": tonnes_from_kg(r[1]),
             "revenue": round_money(r[2] or 0)} for r in rows]
