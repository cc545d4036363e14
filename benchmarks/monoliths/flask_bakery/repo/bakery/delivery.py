"""Delivery run planning for wholesale drops.

Routes are set up by hand by the dispatch team; this just assigns orders to
the run that covers their postcode area and orders drops by distance.
"""
import datetime
import math

from bakery.db import db
from bakery.models import (DeliveryDrop, DeliveryRun, Shop, WholesaleCustomer,
                           WholesaleOrder)

# postcode area prefix -> run name. Edit when dispatch re-jigs the rounds.
RUN_AREAS = {
    "North loop": ["LS6", "LS16", "LS17", "LS18", "LS7", "LS8"],
    "City early": ["LS1", "LS2", "LS3", "LS9", "LS10", "LS11"],
    "South & west": ["LS12", "LS13", "LS27", "LS28", "BD3", "BD4"],
    "Harrogate": ["HG1", "HG2", "HG3"],
}
DEFAULT_RUN = "City early"
DEPOT = (53.8008, -1.5491)


def haversine_km(a, b):
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    dlat = lat2 - lat1
    dlon = lon2 - lon1
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def run_name_for_postcode(postcode):
    outward = (postcode or "").upper().split(" ")[0]
    for name, areas in RUN_AREAS.items():
        if outward in areas:
            return name
    return DEFAULT_RUN


def depot_location():
    site = Shop.get_or_none((Shop.is_production_site == True) & (Shop.active == True))  # noqa: E712
    # shops don't have lat/lng (yet), use the hardcoded bakehouse
    return DEPOT if site else DEPOT


def order_drops(drops, start=None):
    """Greedy nearest-neighbour ordering. Good enough for ~20 drops."""
    start = start or depot_location()
    remaining = [d for d in drops]
    ordered = []
    here = start
    while remaining:
        def dist(drop):
            c = drop.order.customer
            if c.lat is None or c.lng is None:
                return 9999
            return haversine_km(here, (c.lat, c.lng))
        nxt = min(remaining, key=dist)
        ordered.append(nxt)
        remaining.remove(nxt)
        c = nxt.order.customer
        if c.lat is not None:
            here = (c.lat, c.lng)
    return ordered


def plan_delivery_runs(run_date):
    """Create runs for a date and put every confirmed/packed order on one."""
    orders = (WholesaleOrder.select().join(WholesaleCustomer)
              .where((WholesaleOrder.delivery_date == run_date) &
                     (WholesaleOrder.status.in_(["confirmed", "packed"]))))
    runs = {}
    with db.atomic():
        for order in orders:
            if DeliveryDrop.select().where(DeliveryDrop.order == order).exists():
                continue
            name = run_name_for_postcode(order.customer.postcode)
            if name not in runs:
                runs[name], _ = DeliveryRun.get_or_create(run_date=run_date, name=name)
            DeliveryDrop.create(run=runs[name], order=order)
        for run in runs.values():
            resequence_run(run)
    return list(runs.values())


def resequence_run(run):
    drops = list(run.drops)
    for i, drop in enumerate(order_drops(drops), start=1):
        if drop.sequence != i:
            drop.sequence = i
            drop.save()
    return run


def drop_sheet(run):
    """Rows for the printed drop sheet the driver takes."""
    rows = []
    for drop in run.drops.order_by(DeliveryDrop.sequence):
        order = drop.order
        customer = order.customer
        rows.append({
            "seq": drop.sequence,
            "customer": customer.name,
            "address": customer.delivery_address,
            "postcode": customer.postcode,
            "phone": customer.phone,
            "items": [(l.product.name, l.quantity) for l in order.lines],
            "notes": order.notes or "",
        })
    return rows


def run_distance_km(run):
    here = depot_location()
    total = 0.0
    for drop in run.drops.order_by(DeliveryDrop.sequence):
        c = drop.order.customer
        if c.lat is None:
            continue
        total += haversine_km(here, (c.lat, c.lng))
        here = (c.lat, c.lng)
    return round(total + haversine_km(here, depot_location()), 1)


def close_run(run, mileage=None):
    run.status = "complete"
    run.mileage = mileage
    run.save()
    undelivered = [d for d in run.drops if d.delivered_at is None]
    return undelivered


def stale_runs(days=2):
    cutoff = datetime.date.today() - datetime.timedelta(days=days)
    return DeliveryRun.select().where((DeliveryRun.run_date < cutoff) & (DeliveryRun.status != "complete"))
