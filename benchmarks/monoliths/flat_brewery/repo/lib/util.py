"""
Misc helpers: money, dates, units.  Anything used in more than one place
goes here (in theory).
"""
import calendar
import datetime
import re
from decimal import Decimal, ROUND_HALF_UP, InvalidOperation

LITERS_PER_BBL = Decimal('117.347765')
GALLONS_PER_BBL = Decimal('31')
OZ_PER_GALLON = Decimal('128')

TWO_PLACES = Decimal('0.01')


def round_money(value):
    if value is None:
        return Decimal('0.00')
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def format_money(value, symbol='$'):
    v = round_money(value)
    neg = v < 0
    s = '{:,.2f}'.format(abs(v))
    if neg:
        return '-%s%s' % (symbol, s)
    return symbol + s


def parse_money(text):
    if text is None:
        return None
    text = str(text).replace('$', '').replace(',', '').strip()
    if not text:
        return None
    try:
        return round_money(Decimal(text))
    except InvalidOperation:
        raise ValueError('not a money amount: %r' % text)


def safe_int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def safe_decimal(value, default=None):
    if value in (None, ''):
        return default
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        return default


def today():
    return datetime.date.today()


def now():
    return datetime.datetime.now()


def parse_date(text, fmt='%Y-%m-%d'):
    if not text:
        return None
    if isinstance(text, datetime.date):
        return text
    for f in (fmt, '%m/%d/%Y', '%m/%d/%y', '%Y%m%d'):
        try:
            return datetime.datetime.strptime(text.strip(), f).date()
        except ValueError:
            continue
    raise ValueError('bad date %r' % text)


def fmt_date(d, fmt='%m/%d/%Y'):
    if not d:
        return ''
    return d.strftime(fmt)


def fmt_datetime(d):
    if not d:
        return ''
    return d.strftime('%m/%d/%Y %I:%M %p')


def month_bounds(year, month):
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, 1), datetime.date(year, month, last)


def previous_month(d=None):
    d = d or today()
    first = d.replace(day=1)
    prev_last = first - datetime.timedelta(days=1)
    return month_bounds(prev_last.year, prev_last.month)


def quarter_bounds(year, quarter):
    start_month = 3 * (quarter - 1) + 1
    start, _ = month_bounds(year, start_month)
    _, end = month_bounds(year, start_month + 2)
    return start, end


def days_between(a, b):
    return (b - a).days


def add_years(d, n=1):
    try:
        return d.replace(year=d.year + n)
    except ValueError:   # feb 29
        return d.replace(year=d.year + n, day=28)


def liters_to_bbl(liters):
    return (Decimal(str(liters)) / LITERS_PER_BBL).quantize(Decimal('0.001'))


def gallons_to_bbl(gal):
    return (Decimal(str(gal)) / GALLONS_PER_BBL).quantize(Decimal('0.001'))


def oz_to_bbl(oz):
    return (Decimal(str(oz)) / OZ_PER_GALLON / GALLONS_PER_BBL).quantize(Decimal('0.0001'))


def bbl_to_gallons(bbl):
    return Decimal(str(bbl)) * GALLONS_PER_BBL


def slugify(text):
    text = re.sub(r'[^a-zA-Z0-9]+', '-', text or '').strip('-')
    return text.lower()


def chunks(seq, n):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def pct(part, whole):
    if not whole:
        return 0.0
    return round(100.0 * float(part) / float(whole), 1)


class Struct(dict):
    """dict with attribute access, used for template rows"""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)

    def __setattr__(self, name, value):
        self[name] = value
