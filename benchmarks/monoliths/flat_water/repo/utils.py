# misc helpers - everything that didn't have a home
import re
import csv
import io
import json
import random
import string
import datetime
import calendar
from decimal import Decimal, ROUND_HALF_UP

import cherrypy

import config

DATE_FMT = '%Y-%m-%d'
DATETIME_FMT = '%Y-%m-%d %H:%M:%S'
TWO_PLACES = Decimal('0.01')

_phone_re = re.compile(r'[^0-9+]')
_email_re = re.compile(r'^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}$')


def to_decimal(val):
    if val is None or val == '':
        return Decimal('0')
    if isinstance(val, Decimal):
        return val
    return Decimal(str(val))


def round_money(val):
    return to_decimal(val).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def format_money(val, symbol='R'):
    amt = round_money(val)
    neg = amt < 0
    s = '{:,.2f}'.format(abs(amt)).replace(',', ' ')
    return ('-' if neg else '') + symbol + ' ' + s


def today():
    return datetime.date.today()


def now_str():
    return datetime.datetime.now().strftime(DATETIME_FMT)


def parse_date(s):
    if not s:
        return None
    if isinstance(s, datetime.datetime):
        return s.date()
    if isinstance(s, datetime.date):
        return s
    s = str(s).strip()[:10]
    for fmt in (DATE_FMT, '%d/%m/%Y', '%Y/%m/%d', '%d-%m-%Y'):
        try:
            return datetime.datetime.strptime(s, fmt).date()
        except ValueError:
            pass
    raise ValueError('bad date: %r' % s)


def format_date(d, fmt='%d %b %Y'):
    if not d:
        return ''
    if isinstance(d, str):
        d = parse_date(d)
    return d.strftime(fmt)


def add_months(d, months):
    m = d.month - 1 + months
    y = d.year + m // 12
    m = m % 12 + 1
    day = min(d.day, calendar.monthrange(y, m)[1])
    return datetime.date(y, m, day)


def month_end(d):
    return datetime.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def days_between(a, b):
    return (parse_date(b) - parse_date(a)).days


def next_business_day(d):
    d = parse_date(d)
    while d.weekday() >= 5:
        d = d + datetime.timedelta(days=1)
    return d


def safe_int(v, default=None):
    try:
        return int(v)
    except (TypeError, ValueError):
        return default


def safe_float(v, default=None):
    try:
        return float(v)
    except (TypeError, ValueError):
        return default


def normalize_phone(p):
    if not p:
        return None
    p = _phone_re.sub('', p)
    if p.startswith('0') and len(p) == 10:
        p = '+27' + p[1:]
    return p


def validate_email(e):
    return bool(e and _email_re.match(e))


def paginate(rows, page=1, per_page=50):
    page = safe_int(page, 1) or 1
    start = (page - 1) * per_page
    return {
        'rows': rows[start:start + per_page],
        'page': page,
        'pages': max(1, (len(rows) + per_page - 1) // per_page),
        'total': len(rows),
    }


class JSONEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Decimal):
            return str(o)
        if isinstance(o, (datetime.date, datetime.datetime)):
            return o.isoformat()
        return json.JSONEncoder.default(self, o)


def json_response(data):
    cherrypy.response.headers['Content-Type'] = 'application/json'
    return json.dumps(data, cls=JSONEncoder).encode('utf-8')


def csv_response(rows, filename, columns=None):
    buf = io.StringIO()
    if rows:
        columns = columns or list(rows[0].keys())
    w = csv.writer(buf)
    if columns:
        w.writerow(columns)
        for r in rows:
            w.writerow([r.get(c) for c in columns])
    cherrypy.response.headers['Content-Type'] = 'text/csv'
    cherrypy.response.headers['Content-Disposition'] = 'attachment; filename="%s"' % filename
    return buf.getvalue().encode('utf-8')


def random_token(n=32):
    alphabet = string.ascii_letters + string.digits
    return ''.join(random.SystemRandom().choice(alphabet) for _ in range(n))


# --- account numbers.  format: BB-NNNNNN-C (branch, seq, check digit)

def account_check_digit(num):
    digits = [int(c) for c in str(num) if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d = d * 2
            if d > 9:
                d -= 9
        total += d
    return (10 - total % 10) % 10


def make_account_no(seq, branch='01'):
    body = '%s%06d' % (branch, seq)
    return '%s-%06d-%d' % (branch, seq, account_check_digit(body))


def format_account_no(raw):
    raw = re.sub(r'\D', '', raw or '')
    if len(raw) != 9:
        return raw
    return '%s-%s-%s' % (raw[:2], raw[2:8], raw[8])


def consumption_between(prev_read, curr_read, dials=5, multiplier=1):
    """kl used between two register values, allowing for the register rolling over"""
    prev_read = to_decimal(prev_read)
    curr_read = to_decimal(curr_read)
    if curr_read >= prev_read:
        used = curr_read - prev_read
    else:
        used = (Decimal(10) ** int(dials)) - prev_read + curr_read
    return used * to_decimal(multiplier)


def wo_number(seq, wo_type='GEN'):
    return 'WO%s-%s-%05d' % (today().strftime('%y'), wo_type[:3].upper(), seq)


def sample_number(point_code, d=None):
    d = d or today()
    return '%s-%s-%03d' % (point_code, d.strftime('%Y%m%d'), random.randint(1, 999))


def complaint_ref():
    return 'C' + datetime.datetime.now().strftime('%y%m%d%H%M') + ''.join(random.choice(string.digits) for _ in range(3))


def old_calc_vat(amount):
    # pre-2018 VAT rate, still referenced by the reprint of historic bills?? check before removing
    return round_money(to_decimal(amount) * Decimal('0.14'))
