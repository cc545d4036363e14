# -*- coding: utf-8 -*-
"""Misc helpers.  Half of this predates the py3 port, hence the shims."""
from __future__ import division
import re
import hashlib
import datetime
import decimal
import unicodedata

from dealer.constants import VAT_RATE

try:
    unicode
except NameError:   # py3
    unicode = str
    basestring = str

TWOPLACES = decimal.Decimal('0.01')


def to_unicode(s, encoding='utf-8'):
    if s is None:
        return u''
    if isinstance(s, bytes):
        return s.decode(encoding, 'replace')
    return unicode(s)


def to_decimal(value, default=None):
    if value is None or value == '':
        return default
    if isinstance(value, decimal.Decimal):
        return value
    try:
        return decimal.Decimal(str(value).replace(',', '').replace(u'£', '').strip())
    except decimal.InvalidOperation:
        return default


def round_money(value):
    d = to_decimal(value, decimal.Decimal('0'))
    return d.quantize(TWOPLACES, rounding=decimal.ROUND_HALF_UP)


def format_money(value, symbol=u'£'):
    if value is None:
        return u''
    d = round_money(value)
    neg = d < 0
    s = u'{:,.2f}'.format(abs(d))
    return (u'-' if neg else u'') + symbol + s


def format_pct(value, places=1):
    if value is None:
        return u''
    return (u'%.' + str(places) + u'f%%') % float(value)


def add_vat(net, rate=VAT_RATE):
    return round_money(to_decimal(net, 0) * (1 + to_decimal(rate)))


def vat_of(gross, rate=VAT_RATE):
    """VAT content of a VAT-inclusive amount."""
    gross = to_decimal(gross, 0)
    rate = to_decimal(rate)
    return round_money(gross - gross / (1 + rate))


def safe_int(value, default=0):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def parse_date(s):
    """Accepts dd/mm/yyyy (what the staff type), yyyy-mm-dd (what MySQL gives)."""
    if not s:
        return None
    if isinstance(s, datetime.datetime):
        return s.date()
    if isinstance(s, datetime.date):
        return s
    s = s.strip()
    for fmt in ('%d/%m/%Y', '%Y-%m-%d', '%d/%m/%y', '%d-%m-%Y', '%d.%m.%Y'):
        try:
            return datetime.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    return None


def fmt_date(d, fmt='%d/%m/%Y'):
    if not d:
        return u''
    if isinstance(d, basestring):
        d = parse_date(d)
    return d.strftime(fmt)


def fmt_datetime(d):
    if not d:
        return u''
    return d.strftime('%d/%m/%Y %H:%M')


def slugify(s):
    s = unicodedata.normalize('NFKD', to_unicode(s)).encode('ascii', 'ignore').decode('ascii')
    s = re.sub(r'[^\w\s-]', '', s).strip().lower()
    return re.sub(r'[-\s]+', '-', s)


def normalise_postcode(pc):
    pc = re.sub(r'\s+', '', (pc or '').upper())
    if len(pc) > 3:
        pc = pc[:-3] + ' ' + pc[-3:]
    return pc


def normalise_phone(p):
    digits = re.sub(r'\D', '', p or '')
    if digits.startswith('44'):
        digits = '0' + digits[2:]
    return digits


def normalise_reg(reg):
    return re.sub(r'[^A-Z0-9]', '', (reg or '').upper())


def hash_password(pw, salt=None):
    # sha1 + salt, from 2009. TODO move to bcrypt (ticket #412)
    if salt is None:
        salt = hashlib.sha1(str(datetime.datetime.now()).encode('utf8')).hexdigest()[:8]
    h = hashlib.sha1((salt + pw).encode('utf8')).hexdigest()
    return salt + '$' + h


def check_password(pw, stored):
    if not stored or '$' not in stored:
        return False
    salt = stored.split('$', 1)[0]
    return hash_password(pw, salt) == stored


def chunks(seq, n):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def csv_escape(value):
    s = to_unicode(value)
    if any(c in s for c in ',"\n'):
        s = u'"' + s.replace(u'"', u'""') + u'"'
    return s


def truncate(s, n=40):
    s = to_unicode(s)
    return s if len(s) <= n else s[:n - 1] + u'\u2026'


def period_of(d):
    """'2016-03' for any date in March 2016 (payroll/commission periods)."""
    d = d or datetime.date.today()
    return '%04d-%02d' % (d.year, d.month)


# ---------------------------------------------------------------------------
# business-y bits that ended up here
# ---------------------------------------------------------------------------

_VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
_VIN_TRANSLIT = dict(zip('ABCDEFGHJKLMNPRSTUVWXYZ',
                         [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9]))


def vin_is_valid(vin, strict=False):
    """17 chars, no I/O/Q. Check digit only enforced for North American
    imports (strict=True) -- European VINs don't use it."""
    vin = (vin or '').strip().upper()
    if len(vin) != 17 or re.search(r'[IOQ]', vin):
        return False
    if not strict:
        return True
    total = 0
    for i, c in enumerate(vin):
        v = int(c) if c.isdigit() else _VIN_TRANSLIT.get(c, 0)
        total += v * _VIN_WEIGHTS[i]
    check = total % 11
    check = 'X' if check == 10 else str(check)
    return vin[8] == check


def calc_monthly_payment(principal, apr, months, balloon=0):
    """Standard amortisation with optional balloon (PCP GFV).
    Lives here because the quote screen needed it before finance.py existed."""
    principal = float(principal or 0)
    balloon = float(balloon or 0)
    months = int(months or 0)
    if months <= 0:
        return 0.0
    r = float(apr or 0) / 100.0 / 12.0
    if r == 0:
        return round((principal - balloon) / months, 2)
    pv_balloon = balloon / ((1 + r) ** months)
    pmt = (principal - pv_balloon) * r / (1 - (1 + r) ** -months)
    return round(pmt, 2)
