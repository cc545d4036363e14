# -*- coding: utf-8 -*-
"""
util.py - bits and pieces. If you don't know where it goes, it goes here.
"""
import datetime
import decimal
import re
import logging

import db
import config

log = logging.getLogger('lhs.util')

TWOPLACES = decimal.Decimal('0.01')
_slug_re = re.compile(r'[^a-z0-9]+')


def to_decimal(v, default=None):
    if v is None or v == '':
        return default
    if isinstance(v, decimal.Decimal):
        return v
    try:
        return decimal.Decimal(str(v).replace(',', '').replace(u'£', '').strip())
    except decimal.InvalidOperation:
        return default


def round_money(v):
    v = to_decimal(v, decimal.Decimal('0'))
    return v.quantize(TWOPLACES, rounding=decimal.ROUND_HALF_UP)


def fmt_money(v, symbol=u'£'):
    if v is None:
        return ''
    v = round_money(v)
    neg = v < 0
    s = '{:,.2f}'.format(abs(v))
    return (u'-' if neg else u'') + symbol + s


def to_int(v, default=0):
    try:
        return int(v)
    except (TypeError, ValueError):
        return default


def safe_div(a, b, default=0):
    try:
        if not b:
            return default
        return float(a) / float(b)
    except (TypeError, ValueError):
        return default


def pct(part, whole, places=1):
    return round(safe_div(part, whole) * 100.0, places)


def slugify(s):
    return _slug_re.sub('-', (s or '').lower()).strip('-')


def chunks(seq, n):
    seq = list(seq)
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def fmt_date(d, fmt='%d/%m/%Y'):
    if not d:
        return ''
    return d.strftime(fmt)


def parse_date(s):
    if not s:
        return None
    if isinstance(s, (datetime.date, datetime.datetime)):
        return s
    for fmt in ('%Y-%m-%d', '%d/%m/%Y', '%d/%m/%y', '%d-%m-%Y'):
        try:
            return datetime.datetime.strptime(s.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError('bad date %r' % s)


def now():
    return datetime.datetime.now()


def today():
    return datetime.date.today()


def clean_postcode(pc):
    pc = (pc or '').upper().replace(' ', '')
    if len(pc) > 3:
        pc = pc[:-3] + ' ' + pc[-3:]
    return pc


def next_invoice_number(prefix=None):
    # moved here from accounts.py so jobs.py could use it without import loop - SB 2012
    prefix = prefix or config.INVOICE_PREFIX
    last = db.fetch_value(
        "SELECT invoice_no FROM invoices WHERE invoice_no LIKE '" + prefix + "%' "
        "ORDER BY id DESC LIMIT 1")
    if not last:
        return prefix + '000001'
    n = to_int(last[len(prefix):]) + 1
    return '%s%06d' % (prefix, n)


def route_code(depot, day_of_week, n):
    # e.g. MN-MON-03
    days = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN']
    return '%s-%s-%02d' % (depot[:2].upper(), days[day_of_week], n)


def kg_to_pieces(kg, linen_type_id):
    """rough piece count for a weight of one linen type (used by the plant)"""
    w = db.fetch_value('SELECT weight_g FROM linen_types WHERE id = %s', (linen_type_id,))
    if not w:
        return 0
    return int(float(kg) * 1000.0 / w)


def par_shortfall(site_id, linen_type_id):
    par = db.fetch_value(
        'SELECT par_qty FROM par_levels WHERE site_id = %s AND linen_type_id = %s',
        (site_id, linen_type_id), 0)
    have = db.fetch_value(
        "SELECT coalesce(sum(qty),0) FROM stock_levels WHERE site_id = %s "
        "AND linen_type_id = %s AND location = 'site'", (site_id, linen_type_id), 0)
    return max(0, par - have)
