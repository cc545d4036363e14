"""Pricing engine.

Split out of services.py in 2021 (PR #412). Prices are VAT inclusive, in pence.

Rules, in order:
  1. time: per minute, capped at per hour, capped at per day
  2. distance: per km beyond the tariff's included km
  3. weekend factor on the time component
  4. zone surcharges (airport etc) if the trip ends in a surcharged zone
"""
import datetime as dt
import logging
import math

from sqlalchemy import and_, or_, select

from carshare import tables as T
from carshare.db import engine_conn, fetch_one
from carshare.lib.dates import is_weekend, minutes_between, utcnow
from carshare.lib.money import percent_of

log = logging.getLogger(__name__)

MINIMUM_TRIP_PENCE = 300
FREE_CANCELLATION_MINUTES = 60
LATE_CANCELLATION_PERCENT = 50
NO_SHOW_FLAT_PENCE = 1500


class PriceBreakdown(object):
    def __init__(self, tariff_id=None):
        self.tariff_id = tariff_id
        self.lines = []

    def add(self, line_type, description, unit_pence, quantity=1):
        self.lines.append({
            "type": line_type,
            "description": description,
            "unit_pence": int(unit_pence),
            "quantity": quantity,
            "amount_pence": int(round(unit_pence * quantity)),
        })

    @property
    def total_pence(self):
        return sum(l["amount_pence"] for l in self.lines)

    def __repr__(self):
        return "<PriceBreakdown %s lines=%d total=%d>" % (self.tariff_id, len(self.lines), self.total_pence)


def get_active_tariff(category, on_date=None):
    on_date = on_date or utcnow().date()
    t = T.tariffs
    q = (select([t]).where(and_(
        t.c.vehicle_category == category,
        t.c.active == True,  # noqa: E712
        t.c.valid_from <= on_date,
        or_(t.c.valid_to == None, t.c.valid_to >= on_date),  # noqa: E711
    )).order_by(t.c.valid_from.desc()).limit(1))
    with engine_conn() as conn:
        row = conn.execute(q).first()
    return dict(row) if row else None


def get_tariff(tariff_id):
    t = T.tariffs
    with engine_conn() as conn:
        row = conn.execute(select([t]).where(t.c.id == tariff_id)).first()
    return dict(row) if row else None


def tariff_for_trip(trip, reservation, category):
    """Tariff locked at booking time wins, otherwise what's active now."""
    if reservation and reservation.get("tariff_id"):
        tariff = get_tariff(reservation["tariff_id"])
        if tariff:
            return tariff
    return get_active_tariff(category, trip["started_at"].date())


def time_charge(minutes, tariff):
    """Minute rate, capped per started hour, capped per started day."""
    if minutes <= 0:
        return 0
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    day_part = days * tariff["per_day_pence"]
    hour_part = hours * tariff["per_hour_pence"] + min(mins * tariff["per_minute_pence"], tariff["per_hour_pence"])
    return day_part + min(hour_part, tariff["per_day_pence"])


def distance_charge(km, tariff):
    billable = max(0, math.ceil(float(km or 0)) - (tariff["included_km"] or 0))
    return billable, billable * (tariff["per_km_pence"] or 0)


def weekend_minutes(start, end):
    if start is None or end is None:
        return 0
    mins = 0
    cur = start
    while cur < end:
        nxt = min(end, (cur + dt.timedelta(days=1)).replace(hour=0, minute=0, second=0))
        if is_weekend(cur):
            mins += minutes_between(cur, nxt)
        cur = nxt
    return mins


def zone_surcharge(zone_id, at):
    if not zone_id:
        return 0, None
    r, z = T.zone_restrictions, T.parking_zones
    q = (select([r.c.surcharge_pence, z.c.name])
         .select_from(r.join(z, z.c.id == r.c.zone_id))
         .where(and_(r.c.zone_id == zone_id, r.c.restriction == "surcharge",
                     r.c.start_time <= at.time(), r.c.end_time > at.time())))
    with engine_conn() as conn:
        row = conn.execute(q).first()
    if row is None:
        return 0, None
    return row["surcharge_pence"], row["name"]


def price_trip(trip, tariff, end_zone_id=None):
    if tariff is None:
        raise ValueError("no tariff for trip %s" % trip["id"])
    bd = PriceBreakdown(tariff["id"])
    end = trip["ended_at"] or utcnow()
    minutes = minutes_between(trip["started_at"], end)
    base = time_charge(minutes, tariff)
    bd.add("time", "Driving time %d min (%s)" % (minutes, tariff["name"]), base)

    wk = weekend_minutes(trip["started_at"], end)
    factor = float(tariff.get("weekend_factor") or 1)
    if wk and factor != 1 and minutes:
        extra = int(round(base * (wk / float(minutes)) * (factor - 1)))
        if extra:
            bd.add("time", "Weekend supplement", extra)

    km, dist = distance_charge(trip.get("distance_km"), tariff)
    if km:
        bd.add("distance", "%d km over allowance" % km, tariff["per_km_pence"], km)

    surcharge, zone_name = zone_surcharge(end_zone_id, end)
    if surcharge:
        bd.add("fee", "Zone surcharge: %s" % zone_name, surcharge)

    if bd.total_pence < MINIMUM_TRIP_PENCE:
        bd.add("fee", "Minimum trip charge", MINIMUM_TRIP_PENCE - bd.total_pence)
    return bd


def estimate_price(category, starts_at, ends_at, expected_km=0):
    """For the booking page. Same rules as price_trip, fake trip."""
    tariff = get_active_tariff(category, starts_at.date())
    if tariff is None:
        return None
    fake = {"id": None, "started_at": starts_at, "ended_at": ends_at, "distance_km": expected_km}
    return price_trip(fake, tariff).total_pence


def cancellation_fee(reservation, cancelled_at):
    mins_before = minutes_between(cancelled_at, reservation["starts_at"])
    if mins_before >= FREE_CANCELLATION_MINUTES:
        return 0
    tariff = get_tariff(reservation["tariff_id"]) if reservation.get("tariff_id") else None
    if tariff is None:
        return 0
    booked = time_charge(minutes_between(reservation["starts_at"], reservation["ends_at"]), tariff)
    return percent_of(booked, LATE_CANCELLATION_PERCENT)


def no_show_fee(reservation):
    return NO_SHOW_FLAT_PENCE


def promo_discount(promo, invoice_total_pence):
    if promo.get("discount_percent"):
        return min(invoice_total_pence, percent_of(invoice_total_pence, promo["discount_percent"]))
    return min(invoice_total_pence, promo.get("discount_pence") or 0)


def legacy_price_v1(minutes, km, category):
    # Original 2019 flat pricing. Not called anywhere since #412 but finance
    # want to keep it "for comparisons". TODO: delete after FY22 audit.
    rates = {"small": 25, "medium": 32, "van": 40, "premium": 55}
    per_min = rates.get(category, 30)
    return max(MINIMUM_TRIP_PENCE, minutes * per_min + max(0, km - 50) * 20)


def _tariff_from_row(row):
    # used by tests
    return fetch_one("SELECT * FROM tariffs WHERE id = %s", (row,)) if isinstance(row, int) else row
