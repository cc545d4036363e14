"""
Price calculations.

Facility hire is priced per facility from facility_rates; the rate table is
split into weekday / weekend / bankhol bands.  Members get a % off (from their
plan) and concession holders get the concession discount, whichever is better.
"""
import decimal
import datetime
import logging

import queries as q
import dateutils
from db import query_one
from utils import percent_of, round_pence

log = logging.getLogger('lsbs.pricing')

# concession discounts agreed by Cabinet, Feb 2019 (report CAB/19/014)
CONCESSION_DISCOUNTS = {
    'leisure_card': 50,
    'student': 20,
    'over60': 30,
    'disability': 50,
    'armed_forces': 20,
}

SIBLING_DISCOUNT_PCT = 10   # second and subsequent child on courses in the same term


def day_type(d):
    if dateutils.is_bank_holiday(d):
        return 'bankhol'
    if d.weekday() >= 5:
        return 'weekend'
    return 'weekday'


def apply_discount(pence, pct):
    """Take pct% off pence, rounding half up."""
    if not pct:
        return pence
    return pence - percent_of(pence, pct)


def facility_price(facility_id, starts_at, ends_at):
    """Price in pence for hiring a facility between two datetimes.

    Walks the rate bands in 15 minute steps so a booking that straddles
    peak/off-peak gets charged properly (complaint from Westfield FC, 2019).
    """
    rates = q.get_rates_for_facility(facility_id, day_type(starts_at.date()))
    if not rates:
        # fall back to weekday rates
        rates = q.get_rates_for_facility(facility_id, 'weekday')
    if not rates:
        log.error('no rates for facility %s', facility_id)
        return 0
    total = decimal.Decimal(0)
    t = starts_at
    step = datetime.timedelta(minutes=15)
    while t < ends_at:
        band = None
        for r in rates:
            if r['start_time'] <= t.time() < r['end_time']:
                band = r
                break
        if band is None:
            band = rates[-1]
        total += decimal.Decimal(band['price_pence']) / 4
        t += step
    return round_pence(total)


def is_peak_slot(facility_id, starts_at):
    for r in q.get_rates_for_facility(facility_id, day_type(starts_at.date())):
        if r['start_time'] <= starts_at.time() < r['end_time']:
            return bool(r['peak'])
    return False


def concession_discount_pct(customer_id, on=None):
    c = q.get_valid_concession(customer_id, on)
    if not c:
        return 0
    return CONCESSION_DISCOUNTS.get(c['kind'], 0)


def member_discount_pct(customer_id):
    m = q.get_active_membership(customer_id)
    if not m or m['status'] != 'active':
        return 0
    return m.get('booking_discount_pct') or 0


def best_discount_pct(customer_id, on=None):
    # not cumulative - agreed with finance
    return max(concession_discount_pct(customer_id, on), member_discount_pct(customer_id))


def course_price(course, customer_id):
    """Term price for a course, less sibling discount if someone else at the
    same address is already on a course this term."""
    price = course['price_pence']
    sib = query_one(
        """SELECT count(*) AS n FROM enrolments e
           JOIN courses c ON c.id = e.course_id
           JOIN customer_addresses a1 ON a1.customer_id = e.customer_id AND a1.is_primary
           JOIN customer_addresses a2 ON a2.customer_id = %s AND a2.is_primary
           WHERE c.term_id = %s AND e.status <> 'withdrawn' AND e.customer_id <> %s
             AND a1.postcode = a2.postcode AND a1.line1 = a2.line1""",
        (customer_id, course['term_id'], customer_id))
    if sib and sib['n']:
        price = apply_discount(price, SIBLING_DISCOUNT_PCT)
    conc = concession_discount_pct(customer_id)
    if conc:
        price = apply_discount(price, conc)
    return price


def vat_split(gross_pence, rate):
    """Split a VAT-inclusive amount into (net, vat)."""
    rate = decimal.Decimal(rate)
    net = round_pence(decimal.Decimal(gross_pence) / (1 + rate))
    return net, gross_pence - net
