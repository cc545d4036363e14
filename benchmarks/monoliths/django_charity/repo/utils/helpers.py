import datetime
import re
from decimal import Decimal, ROUND_HALF_UP

from django.utils import timezone

POSTCODE_RE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$")


def format_money(amount, symbol=u"\u00a3"):
    if amount is None:
        return ""
    amount = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return "%s%s" % (symbol, "{:,.2f}".format(amount))


def round_money(value):
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def normalise_postcode(pc):
    if not pc:
        return ""
    pc = pc.upper().replace(" ", "").strip()
    m = POSTCODE_RE.match(pc)
    if not m:
        return pc
    return "%s %s" % m.groups()


def parse_date(s, fmt="%d/%m/%Y"):
    if not s:
        return None
    if isinstance(s, datetime.date):
        return s
    for f in (fmt, "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(s.strip(), f).date()
        except ValueError:
            continue
    return None


def today():
    return timezone.localdate()


def chunked(iterable, size=500):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def clean_phone(number):
    # TODO: use phonenumbers lib
    digits = re.sub(r"[^\d+]", "", number or "")
    if digits.startswith("44"):
        digits = "+" + digits
    elif digits.startswith("0"):
        digits = "+44" + digits[1:]
    return digits


def title_case_name(name):
    return " ".join(p.capitalize() for p in (name or "").split())
