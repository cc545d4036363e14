"""
Misc helpers. Everything that didn't have a home ended up here.

NB: please don't import models at module level in this file, it is imported
from models.py of several apps and we had circular import hell in 2019.
"""
import csv
import datetime
import io
import logging
import re
from collections import namedtuple
from decimal import Decimal, ROUND_HALF_UP

from django.conf import settings
from django.db import connection
from django.utils import timezone

logger = logging.getLogger('garage.utils')

TWOPLACES = Decimal('0.01')
UK_POSTCODE_RE = re.compile(r'^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$', re.I)
UK_REG_RE = re.compile(r'^[A-Z]{2}\d{2} ?[A-Z]{3}$', re.I)
PHONE_CLEAN_RE = re.compile(r'[^\d+]')


# --------------------------------------------------------------------------
# money / numbers
# --------------------------------------------------------------------------

def to_decimal(value, default=Decimal('0.00')):
    if value is None or value == '':
        return default
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except Exception:
        logger.warning('to_decimal: could not parse %r', value)
        return default


def format_money(amount, currency=None, with_symbol=True):
    """Format a Decimal as e.g. '£1,234.50'."""
    currency = currency or getattr(settings, 'GARAGE_CURRENCY', 'GBP')
    amount = to_decimal(amount).quantize(TWOPLACES, rounding=ROUND_HALF_UP)
    symbol = {'GBP': u'\u00a3', 'EUR': u'\u20ac', 'USD': '$'}.get(currency, '')
    sign = '-' if amount < 0 else ''
    body = '{:,.2f}'.format(abs(amount))
    if not with_symbol:
        return sign + body
    return u'{}{}{}'.format(sign, symbol, body)


def percent(part, whole, places=1):
    if not whole:
        return 0
    return round(float(part) * 100.0 / float(whole), places)


# --------------------------------------------------------------------------
# dates
# --------------------------------------------------------------------------

def today():
    return timezone.localdate()


def start_of_day(d):
    return timezone.make_aware(datetime.datetime.combine(d, datetime.time.min))


def end_of_day(d):
    return timezone.make_aware(datetime.datetime.combine(d, datetime.time.max))


def month_bounds(d=None):
    d = d or today()
    first = d.replace(day=1)
    if first.month == 12:
        nxt = first.replace(year=first.year + 1, month=1)
    else:
        nxt = first.replace(month=first.month + 1)
    return first, nxt - datetime.timedelta(days=1)


def add_months(d, months):
    month = d.month - 1 + months
    year = d.year + month // 12
    month = month % 12 + 1
    # clamp day - 31st Jan + 1 month = 28/29 Feb
    for day in (d.day, 30, 29, 28):
        try:
            return d.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise ValueError('add_months failed for %s' % d)


def add_business_days(d, n):
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    while remaining:
        d = d + datetime.timedelta(days=step)
        if d.weekday() < 5:
            remaining -= 1
    return d


def parse_date(value):
    """Accepts dd/mm/yyyy (what the front desk types) or ISO."""
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value
    for fmt in ('%d/%m/%Y', '%Y-%m-%d', '%d-%m-%Y', '%d/%m/%y'):
        try:
            return datetime.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            pass
    return None


def format_date(d, fmt='%d/%m/%Y'):
    if not d:
        return ''
    return d.strftime(fmt)


def daterange(start, end):
    cur = start
    while cur <= end:
        yield cur
        cur += datetime.timedelta(days=1)


# --------------------------------------------------------------------------
# text / normalisation
# --------------------------------------------------------------------------

def normalise_reg(reg):
    """Number plates: upper case, no spaces. 'ab12 cde' -> 'AB12CDE'."""
    return (reg or '').replace(' ', '').upper()


def normalise_phone(phone):
    phone = PHONE_CLEAN_RE.sub('', phone or '')
    if phone.startswith('0'):
        phone = '+44' + phone[1:]
    return phone


def normalise_postcode(pc):
    m = UK_POSTCODE_RE.match((pc or '').strip())
    if not m:
        return (pc or '').upper().strip()
    return '%s %s' % (m.group(1).upper(), m.group(2).upper())


def slug_ref(prefix, pk, width=6):
    return '%s-%s' % (prefix, str(pk).zfill(width))


def chunked(iterable, size=500):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# --------------------------------------------------------------------------
# raw sql helpers (used by the reports)
# --------------------------------------------------------------------------

def dictfetchall(cursor):
    columns = [col[0] for col in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def namedtuplefetchall(cursor):
    desc = cursor.description
    Row = namedtuple('Row', [col[0] for col in desc])
    return [Row(*row) for row in cursor.fetchall()]


def run_sql(sql, params=None, as_dict=True):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        if cursor.description is None:
            return cursor.rowcount
        if as_dict:
            return dictfetchall(cursor)
        return cursor.fetchall()


def rows_to_csv(rows, fieldnames=None):
    buf = io.StringIO()
    if not rows:
        return ''
    fieldnames = fieldnames or list(rows[0].keys())
    writer = csv.DictWriter(buf, fieldnames=fieldnames, extrasaction='ignore')
    writer.writeheader()
    for r in rows:
        writer.writerow(r)
    return buf.getvalue()


class Timer(object):
    """with Timer('report') as t: ...  -- logs elapsed seconds"""

    def __init__(self, label):
        self.label = label
        self.started = None

    def __enter__(self):
        self.started = timezone.now()
        return self

    def __exit__(self, *exc):
        elapsed = (timezone.now() - self.started).total_seconds()
        logger.info('%s took %.2fs', self.label, elapsed)
        return False


# --------------------------------------------------------------------------
# TODO(sam): move these to the booking code, they are not "utils"
# --------------------------------------------------------------------------

def slot_times_for_day(d, slot_minutes=None):
    """All bookable slot start times on a day (opening hours from settings)."""
    slot_minutes = slot_minutes or settings.GARAGE_SLOT_MINUTES
    if d.weekday() == 6:  # closed sundays
        return []
    closing = settings.GARAGE_CLOSING_HOUR
    if d.weekday() == 5:  # saturday half day
        closing = 13
    cur = start_of_day(d).replace(hour=settings.GARAGE_OPENING_HOUR)
    end = start_of_day(d).replace(hour=closing)
    slots = []
    while cur + datetime.timedelta(minutes=slot_minutes) <= end:
        slots.append(cur)
        cur += datetime.timedelta(minutes=slot_minutes)
    return slots


def estimate_job_minutes(service_code, vehicle_age_years=None):
    """Rough booking durations. Keep in sync with the price list on the website."""
    table = {
        'MOT': 60,
        'INTERIM': 90,
        'FULL': 180,
        'MAJOR': 240,
        'BRAKES': 120,
        'TYRES': 45,
        'DIAG': 60,
        'AIRCON': 60,
        'CLUTCH': 360,
        'WARRANTY': 120,
    }
    minutes = table.get((service_code or '').upper(), 60)
    if vehicle_age_years and vehicle_age_years > 10:
        minutes = int(minutes * 1.25)
    return minutes
