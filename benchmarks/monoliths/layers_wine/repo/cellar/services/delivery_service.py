import logging
import math
from datetime import date, datetime

import requests
from flask import current_app

from cellar.extensions import db
from cellar.models.logistics import Carrier, Delivery, DeliveryRoute, DeliveryStop
from cellar.models.orders import SalesOrder
from cellar.repositories.delivery_repo import DeliveryRepository, RouteRepository
from cellar.services import inventory_service, order_service
from cellar.utils.audit import log_action
from cellar.utils.decorators import retry
from cellar.utils.errors import BusinessRuleError
from cellar.utils.money import round_money, to_decimal

log = logging.getLogger(__name__)

deliveries = DeliveryRepository()
routes = RouteRepository()

# postcode area -> zone; anything else goes by carrier
ZONES = {"BS": "BRISTOL", "BA": "BRISTOL", "GL": "BRISTOL", "W": "LONDON-W", "SW": "LONDON-W",
         "NW": "LONDON-N", "N": "LONDON-N", "EC": "LONDON-C", "WC": "LONDON-C", "SE": "LONDON-S",
         "E": "LONDON-E", "CF": "WALES"}
OWN_FLEET_ZONES = ("BRISTOL", "LONDON-W", "LONDON-C", "LONDON-N")


def zone_for_postcode(postcode):
    if not postcode:
        return None
    area = "".join(ch for ch in postcode.split(" ")[0] if ch.isalpha()).upper()
    return ZONES.get(area)


def create_delivery(order):
    if deliveries.for_order(order.id):
        return deliveries.for_order(order.id)[0]
    cases = sum(int(math.ceil(l.qty_bottles / float(l.wine.bottles_per_case))) for l in order.lines)
    delivery = Delivery(sales_order_id=order.id, cases=cases)
    db.session.add(delivery)
    db.session.flush()
    return delivery


def delivery_charge(order, carrier=None):
    if order.net_total and order.net_total >= 250:
        return to_decimal(0)
    cases = sum(max(1, l.qty_bottles // 12) for l in order.lines)
    if carrier is None:
        return to_decimal("12.50") if cases < 3 else to_decimal(0)
    return round_money(max(to_decimal(carrier.min_charge), to_decimal(carrier.per_case_rate) * cases))


def plan_routes_for_date(route_date):
    """Put every allocated order due on route_date onto a zone route."""
    due = (SalesOrder.query.filter(SalesOrder.status == "allocated",
                                   SalesOrder.requested_delivery <= route_date).all())
    planned = 0
    for order in due:
        addr = order.customer.addresses[0] if order.customer.addresses else None
        zone = zone_for_postcode(addr.postcode if addr else None)
        delivery = create_delivery(order)
        if zone not in OWN_FLEET_ZONES:
            book_carrier(delivery, order)
            continue
        route = next(iter(routes.for_date(route_date, zone)), None)
        if route is None:
            route = DeliveryRoute(route_date=route_date, zone=zone)
            db.session.add(route)
            db.session.flush()
        add_stop(route, delivery)
        planned += 1
    db.session.commit()
    return planned


def add_stop(route, delivery):
    stop = DeliveryStop(route_id=route.id, delivery_id=delivery.id,
                        sequence=routes.max_sequence(route.id) + 1)
    db.session.add(stop)
    delivery.status = "routed"
    return stop


def optimise_route_sequence(route_id):
    # nearest neighbour from the depot, good enough for 20 stops
    route = routes.get(route_id)
    depot = (51.4545, -2.5879) if route.zone == "BRISTOL" else (51.5072, -0.1276)
    remaining = list(route.stops)
    seq, pos = 1, depot
    while remaining:
        def dist(stop):
            order = db.session.query(SalesOrder).get(stop.delivery.sales_order_id)
            addr = order.customer.addresses[0]
            return (addr.lat or 0 - pos[0]) ** 2 + (addr.lng or 0 - pos[1]) ** 2
        nxt = min(remaining, key=dist)
        nxt.sequence = seq
        seq += 1
        remaining.remove(nxt)
    db.session.commit()


def assign_vehicle(route_id, vehicle_id=None):
    route = routes.get(route_id)
    if vehicle_id is None:
        free = routes.free_vehicles(route.route_date)
        if not free:
            raise BusinessRuleError("no vehicles free on %s" % route.route_date)
        vehicle_id = free[0].id
    route.vehicle_id = vehicle_id
    db.session.commit()
    return route


def dispatch_route(route_id, user_id=None):
    route = routes.get(route_id)
    if route.vehicle_id is None:
        raise BusinessRuleError("route has no vehicle")
    for stop in route.stops:
        order = db.session.query(SalesOrder).get(stop.delivery.sales_order_id)
        inventory_service.pick_order(order, user_id)
        order_service.mark_dispatched(order)
        stop.delivery.status = "out"
    route.status = "out"
    route.dispatched_at = datetime.utcnow()
    log_action("dispatch", "route", route.id, user_id)
    db.session.commit()


def record_pod(delivery_id, signed_by, pod_image=None, user_id=None):
    from cellar.services.billing_service import create_invoice_for_order
    delivery = deliveries.get(delivery_id)
    delivery.status = "delivered"
    delivery.delivered_at = datetime.utcnow()
    delivery.signed_by = signed_by
    delivery.pod_image = pod_image
    order = db.session.query(SalesOrder).get(delivery.sales_order_id)
    order_service.mark_delivered(order)
    db.session.flush()
    create_invoice_for_order(order.id, delivery_charge=delivery.charge)
    db.session.commit()


def record_failed_delivery(delivery_id, reason, user_id=None):
    delivery = deliveries.get(delivery_id)
    delivery.status = "failed"
    delivery.failure_reason = reason[:120]
    log_action("failed", "delivery", delivery.id, user_id, {"reason": reason})
    db.session.commit()


@retry(times=3, delay=5)
def book_carrier(delivery, order, carrier_name="Palletways"):
    carrier = Carrier.query.filter_by(name=carrier_name).first()
    delivery.carrier_id = carrier.id
    delivery.charge = delivery_charge(order, carrier)
    if current_app.config.get("TESTING"):
        delivery.tracking_no = "TEST%06d" % delivery.id
        return delivery
    resp = requests.post("https://api.palletways.com/v1/consignments",
                         json={"account": carrier.account_no, "ref": order.number,
                               "cases": delivery.cases}, timeout=20)
    resp.raise_for_status()
    delivery.tracking_no = resp.json().get("consignment")
    delivery.status = "routed"
    return delivery
