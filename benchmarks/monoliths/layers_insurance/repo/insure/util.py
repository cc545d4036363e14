# -*- coding: utf-8 -*-
"""Grab bag of helpers. Please don't add business logic here (too late)."""
import calendar
import datetime
import random
import string
from decimal import Decimal, ROUND_HALF_UP

from flask import request

CENT = Decimal("0.01")


def to_decimal(value):
    if value is None:
        return Decimal("0")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        value = repr(value)
    return Decimal(str(value).replace(",", "."))


def round_money(value):
    return to_decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def fmt_money(value, currency="EUR"):
    amount = round_money(value)
    sign = "-" if amount < 0 else ""
    whole, _, cents = str(abs(amount)).partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    symbol = {"EUR": u"\u20ac", "GBP": u"\u00a3", "USD": "$"}.get(currency, currency + " ")
    return u"%s%s%s,%s" % (sign, symbol, ".".join(groups), cents or "00")


def percent(value, rate):
    return round_money(to_decimal(value) * to_decimal(rate))


def split_evenly(total, parts):
    """Split an amount into ``parts`` instalments; the first one takes the rounding rest."""
    total = round_money(total)
    if parts <= 1:
        return [total]
    each = (total / parts).quantize(CENT, rounding=ROUND_HALF_UP)
    rest = total - each * parts
    return [each + rest] + [each] * (parts - 1)


def today():
    return datetime.date.today()


def utcnow():
    return datetime.datetime.utcnow()


def parse_date(value):
    if value is None or isinstance(value, datetime.date):
        return value
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError("bad date: %r" % (value,))


def add_months(day, months):
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


def days_between(start, end):
    return (end - start).days


def age_on(birth_date, on_date=None):
    on_date = on_date or today()
    years = on_date.year - birth_date.year
    if (on_date.month, on_date.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def make_reference(prefix, length=8):
    alphabet = string.ascii_uppercase + string.digits
    alphabet = alphabet.replace("O", "").replace("0", "").replace("I", "")
    return prefix + "-" + "".join(random.choice(alphabet) for _ in range(length))


def page_args(default_size=50):
    try:
        page = max(int(request.args.get("page", 1)), 1)
        size = min(int(request.args.get("per_page", default_size)), 500)
    except (TypeError, ValueError):
        page, size = 1, default_size
    return page, size


def json_body(*required):
    from insure.errors import ValidationError
    data = request.get_json(silent=True) or {}
    missing = [f for f in required if data.get(f) in (None, "")]
    if missing:
        raise ValidationError("missing fields", fields=missing)
    return data


def pro_rata_unearned(premium, start, end, cancel_date):
    """Unearned premium for a mid-term cancellation (policy side, but billing uses it too)."""
    total_days = days_between(start, end) or 1
    left = max(days_between(cancel_date, end), 0)
    return round_money(to_decimal(premium) * left / total_days)


def commission_amount(premium, rate, tax_included=False):
    # moved here from services/commissions.py "temporarily" in 2020 so billing could use it
    from insure.config import get_config
    base = to_decimal(premium)
    if tax_included:
        base = base / (1 + to_decimal(get_config().IPT_RATE))
    return round_money(base * to_decimal(rate))


def mask_iban(iban):
    if not iban:
        return ""
    iban = iban.replace(" ", "")
    return iban[:4] + "*" * (len(iban) - 8) + iban[-4:]


def old_policy_number(seq):
    # pre-2020 numbering, nothing calls this anymore
    return "HM%07d" % seq
