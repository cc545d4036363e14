"""Bits everybody needs. Keep it boring: no models imported at module level here."""
import calendar
import hashlib
import logging
import random
import string
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone

log = logging.getLogger("pulsefit")

TWOPLACES = Decimal("0.01")


def money(value):
    """Decimal rounded to pence; accepts str/float/int/None."""
    if value is None or value == "":
        return Decimal("0.00")
    return Decimal(str(value)).quantize(TWOPLACES, rounding=ROUND_HALF_UP)


def fmt_money(value):
    return "%s%s" % (settings.CURRENCY_SYMBOL, "{:,.2f}".format(money(value)))


def formatPrice(pence):  # noqa: N802 - old till code, prices were in pence
    return "%s%d.%02d" % (settings.CURRENCY_SYMBOL, pence // 100, pence % 100)


def add_vat(net, rate=None):
    rate = Decimal(rate or settings.VAT_RATE)
    return money(Decimal(net) * (1 + rate))


def vat_part(gross, rate=None):
    rate = Decimal(rate or settings.VAT_RATE)
    return money(Decimal(gross) - Decimal(gross) / (1 + rate))


def local_now():
    return timezone.localtime(timezone.now())


def today():
    return local_now().date()


def fmt_date(d):
    if not d:
        return ""
    return d.strftime("%d/%m/%Y")


def fmt_dt(dt):
    if not dt:
        return ""
    return timezone.localtime(dt).strftime("%d/%m/%Y %H:%M")


def parse_date(value, default=None):
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except (TypeError, ValueError):
            continue
    return default


def add_months(d, months):
    month = d.month - 1 + months
    year = d.year + month // 12
    month = month % 12 + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def month_bounds(d=None):
    d = d or today()
    first = d.replace(day=1)
    last = d.replace(day=calendar.monthrange(d.year, d.month)[1])
    return first, last


def week_start(d=None):
    d = d or today()
    return d - timedelta(days=d.weekday())


def gen_ref(prefix="", length=8):
    alphabet = string.ascii_uppercase + string.digits
    alphabet = alphabet.replace("O", "").replace("0", "").replace("I", "").replace("1", "")
    return prefix + "".join(random.choice(alphabet) for _ in range(length))


def hash_token(raw):
    return hashlib.sha256((settings.SECRET_KEY + raw).encode("utf-8")).hexdigest()


def json_ok(**data):
    data.setdefault("ok", True)
    return JsonResponse(data)


def json_fail(message, status=400, **extra):
    extra.update({"ok": False, "error": message})
    return JsonResponse(extra, status=status)


def normalise_phone(raw):
    if not raw:
        return ""
    digits = "".join(ch for ch in raw if ch.isdigit() or ch == "+")
    if digits.startswith("07"):
        digits = "+44" + digits[1:]
    return digits


def chunks(seq, size=200):
    seq = list(seq)
    for i in range(0, len(seq), size):
        yield seq[i:i + size]


def dictfetchall(cursor):
    cols = [c[0] for c in cursor.description]
    return [dict(zip(cols, row)) for row in cursor.fetchall()]


def percent(part, whole):
    if not whole:
        return 0
    return round(100.0 * part / whole, 1)


def old_price_calc(price, discount):
    # used by the 2019 price list import, kept "just in case"
    return float(price) - float(price) * discount / 100
