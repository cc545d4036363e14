# -*- coding: utf-8 -*-
"""
Misc utilities.  If you don't know where something goes, it goes here :-(
"""
import re
import json
import random
import string
import decimal
import hashlib
import datetime
import logging

from config import settings
from db import query_one, query_scalar, query_all
import dateutils

log = logging.getLogger('lsbs.utils')

_slug_re = re.compile(r'[^a-z0-9]+')


def format_money(pence, symbol=True):
    if pence is None:
        pence = 0
    neg = pence < 0
    pounds = '%d.%02d' % divmod(abs(int(pence)), 100)
    # thousands separator
    whole, frac = pounds.split('.')
    whole = '{:,}'.format(int(whole))
    s = '%s.%s' % (whole, frac)
    if symbol:
        s = u'\u00a3' + s
    return '-' + s if neg else s


def pounds_to_pence(value):
    if value in (None, ''):
        return 0
    d = decimal.Decimal(str(value).replace(u'\u00a3', '').replace(',', '').strip())
    return int((d * 100).quantize(decimal.Decimal('1'), rounding=decimal.ROUND_HALF_UP))


def pence_to_pounds(pence):
    return decimal.Decimal(pence or 0) / 100


def round_pence(value):
    return int(decimal.Decimal(value).quantize(decimal.Decimal('1'), rounding=decimal.ROUND_HALF_UP))


def percent_of(pence, pct):
    return round_pence(decimal.Decimal(pence) * decimal.Decimal(pct) / 100)


def slugify(s):
    return _slug_re.sub('-', (s or '').lower()).strip('-')


def random_token(n=32):
    return ''.join(random.SystemRandom().choice(string.ascii_letters + string.digits) for _ in range(n))


def random_code(n=6):
    # no O/0/I/1 - reception kept misreading them
    alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
    return ''.join(random.SystemRandom().choice(alphabet) for _ in range(n))


def safe_int(v, default=None):
    try:
        return int(v)
    except (TypeError, ValueError):
        return default


def to_bool(v):
    if isinstance(v, bool):
        return v
    return str(v).lower() in ('1', 'true', 'yes', 'on', 'y')


def chunks(seq, n):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def paginate(rows, page, per_page=None):
    per_page = per_page or settings.PAGE_SIZE
    page = max(1, safe_int(page, 1))
    start = (page - 1) * per_page
    return {
        'items': rows[start:start + per_page],
        'page': page,
        'pages': max(1, (len(rows) + per_page - 1) // per_page),
        'total': len(rows),
    }


def json_default(o):
    if isinstance(o, (datetime.datetime, datetime.date, datetime.time)):
        return o.isoformat()
    if isinstance(o, decimal.Decimal):
        return str(o)
    raise TypeError('not serialisable: %r' % (o,))


def to_json(obj):
    return json.dumps(obj, default=json_default)


def md5_hex(s):
    return hashlib.md5(s.encode('utf-8')).hexdigest()


def truncate(s, n=60):
    if s is None:
        return ''
    return s if len(s) <= n else s[:n - 1] + u'\u2026'


def mask_email(email):
    if not email or '@' not in email:
        return email
    name, dom = email.split('@', 1)
    return '%s***@%s' % (name[:1], dom)


def dict_subset(d, keys):
    return dict((k, d.get(k)) for k in keys)


def booking_ref():
    """Booking reference shown to customers, e.g. BK-7QX2PA.  Checks uniqueness."""
    for _ in range(10):
        ref = 'BK-' + random_code(6)
        if not query_one('SELECT id FROM bookings WHERE ref = %s', (ref,)):
            return ref
    raise RuntimeError('could not allocate booking ref')


def pass_barcode():
    # 13 digits, starts with 29 (in-house range on the turnstile scanners)
    body = '29' + ''.join(random.choice(string.digits) for _ in range(10))
    check = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body)) % 10
    return body + str((10 - check) % 10)


def customer_display_name(row):
    if not row:
        return ''
    if row.get('anonymised'):
        return '(removed)'
    return ('%s %s' % (row.get('first_name') or '', row.get('last_name') or '')).strip()


def is_junior(dob, on=None):
    """Under 16 on the given date.  Used for membership plan eligibility."""
    age = dateutils.age_on(dob, on)
    return age is not None and age < 16


def membership_price_for(plan_code, freq='monthly'):
    # TODO: this duplicates membership_rules.plan_price - remove once reports stop using it
    row = query_one('SELECT monthly_pence, annual_pence FROM membership_plans WHERE code = %s', (plan_code,))
    if not row:
        return None
    return row['annual_pence'] if freq == 'annual' else row['monthly_pence']


def facility_label(facility):
    kinds = {'pitch': 'Pitch', 'court': 'Court', 'hall': 'Sports Hall', 'pool': 'Pool', 'studio': 'Studio'}
    label = facility.get('name') or kinds.get(facility.get('kind'), 'Facility')
    if facility.get('surface'):
        label += ' (%s)' % facility['surface']
    return label


def current_vat_rate(code='S', on=None):
    on = on or dateutils.today()
    rate = query_scalar(
        "SELECT rate FROM vat_rates WHERE code = %s AND valid_from <= %s ORDER BY valid_from DESC LIMIT 1",
        (code, on))
    if rate is None:
        log.warning('no VAT rate for %s, assuming 20%%', code)
        return decimal.Decimal('0.20')
    return decimal.Decimal(rate)


def staff_emails_for_role(role, site_id=None):
    sql = "SELECT email FROM staff WHERE active AND role = '%s'" % role
    if site_id:
        sql += ' AND site_id = %d' % int(site_id)
    return [r['email'] for r in query_all(sql)]


def log_timing(label, started):
    ms = (datetime.datetime.now() - started).total_seconds() * 1000
    log.info('%s took %.0fms', label, ms)
