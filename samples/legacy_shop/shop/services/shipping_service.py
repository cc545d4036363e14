"""Shipments and carrier rates."""
import datetime
import logging
from decimal import Decimal

from shop import db
from shop.legacy.tarifs import zone_pour_pays
from shop.models import Carrier, Shipment, ShipmentItem, ShippingRate, get_session
from shop.services import mailer, stock
from shop.sms import sms_delivery_notice

log = logging.getLogger(__name__)

DEFAULT_CARRIER = "colissimo"
DEFAULT_ITEM_WEIGHT_G = 400


def _weight(lines):
    weights = {}
    ids = [l["product_id"] for l in lines]
    if ids:
        for row in db.query("SELECT id, weight_g FROM products WHERE id IN %s",
                            (db.in_clause(ids),)):
            weights[row["id"]] = row["weight_g"] or DEFAULT_ITEM_WEIGHT_G
    return sum(weights.get(l["product_id"], DEFAULT_ITEM_WEIGHT_G) * l["quantity"] for l in lines)


def quote_shipping(address_id, lines, carrier_code=DEFAULT_CARRIER):
    address = db.query_one("SELECT country FROM user_addresses WHERE id = %s", (address_id,))
    zone = zone_pour_pays(address["country"] if address else "FR")
    session = get_session()
    rate = (
        session.query(ShippingRate).join(Carrier)
        .filter(Carrier.code == carrier_code, ShippingRate.zone == zone,
                ShippingRate.max_weight_g >= _weight(lines))
        .order_by(ShippingRate.max_weight_g)
        .first()
    )
    if rate is None:
        log.warning("no rate for zone %s, using flat fee", zone)
        return Decimal("9.90")
    return rate.price


def create_shipment(order_id, carrier_code=DEFAULT_CARRIER):
    session = get_session()
    carrier = session.query(Carrier).filter_by(code=carrier_code).one()
    lines = db.query("SELECT id, product_id, quantity FROM order_items WHERE order_id = %s",
                     (order_id,))
    shipment = Shipment(order_id=order_id, carrier_id=carrier.id, status="pending",
                        weight_g=_weight(lines))
    for line in lines:
        shipment.items.append(ShipmentItem(order_item_id=line["id"], quantity=line["quantity"]))
    session.add(shipment)
    session.commit()
    return shipment.id


def mark_shipped(shipment_id, tracking_number):
    session = get_session()
    shipment = session.query(Shipment).get(shipment_id)
    shipment.status = "shipped"
    shipment.tracking_number = tracking_number
    shipment.shipped_at = datetime.datetime.utcnow()
    session.commit()
    stock.commit_for_shipment(shipment.order_id)
    db.execute("UPDATE orders SET status = 'shipped' WHERE id = %s", (shipment.order_id,))
    mailer.notify_shipped(shipment.order_id, shipment.tracking_link())


def mark_delivered(tracking_number):
    session = get_session()
    shipment = session.query(Shipment).filter_by(tracking_number=tracking_number).first()
    if shipment is None:
        return False
    shipment.status = "delivered"
    shipment.delivered_at = datetime.datetime.utcnow()
    session.commit()
    db.execute("UPDATE orders SET status = 'delivered' WHERE id = %s", (shipment.order_id,))
    return True


def notify_out_for_delivery(tracking_number):
    session = get_session()
    shipment = session.query(Shipment).filter_by(tracking_number=tracking_number).first()
    if shipment is not None and shipment.status == "shipped":
        sms_delivery_notice(shipment.order_id)


def shipments_for_order(order_id):
    session = get_session()
    return session.query(Shipment).filter_by(order_id=order_id).order_by(Shipment.id).all()
