# misc helpers -- please keep this file free of business logic!
import datetime
import decimal
import re
import random
import string

import config

ISBN_RE = re.compile(r'^(97[89])?\d{9}[\dX]$')


def today():
    return datetime.date.today()


def now():
    return datetime.datetime.now()


def format_money(amount):
    if amount is None:
        amount = 0
    amount = decimal.Decimal(amount).quantize(decimal.Decimal("0.01"))
    sym = {"GBP": u"\u00a3", "EUR": u"\u20ac"}.get(config.CURRENCY, "")
    return "%s%s" % (sym, amount)


def round_money(value):
    return decimal.Decimal(value).quantize(decimal.Decimal("0.01"), rounding=decimal.ROUND_HALF_UP)


def format_date(d, fmt="%d/%m/%Y"):
    if not d:
        return ""
    return d.strftime(fmt)


def parse_date(s):
    if not s:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(s.strip(), fmt).date()
        except ValueError:
            continue
    return None


def add_days(d, n):
    return d + datetime.timedelta(days=n)


def normalise_isbn(isbn):
    if not isbn:
        return None
    isbn = isbn.replace("-", "").replace(" ", "").upper()
    if not ISBN_RE.match(isbn):
        return None
    return isbn


def random_token(n=32):
    alphabet = string.ascii_letters + string.digits
    return "".join(random.SystemRandom().choice(alphabet) for _ in range(n))


def luhn_check_digit(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def paginate(rows, page, per_page=25):
    page = max(1, int(page or 1))
    start = (page - 1) * per_page
    return rows[start:start + per_page], page


def to_int(val, default=None):
    try:
        return int(val)
    except (TypeError, ValueError):
        return default


def csv_escape(val):
    # old export code, still used by reports
    s = u"%s" % (val if val is not None else "")
    if any(c in s for c in ',"\n'):
        s = '"' + s.replace('"', '""') + '"'
    return s
