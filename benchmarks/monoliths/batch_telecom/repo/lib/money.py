# -*- coding: utf-8 -*-
"""Money helpers. ALWAYS use Decimal. Floats caused the 2019 rounding fiasco."""
from decimal import Decimal, ROUND_HALF_UP, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def D(value):
    """Coerce anything vaguely numeric to Decimal."""
    if value is None:
        return ZERO
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        # go through repr to avoid 0.1000000000000000055511151231257827
        return Decimal(repr(value))
    try:
        return Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError("not a money amount: %r" % (value,))


def round_money(value, places=CENT):
    return D(value).quantize(places, rounding=ROUND_HALF_UP)


def format_money(value, currency="EUR", with_symbol=True):
    amount = round_money(value)
    sign = "-" if amount < 0 else ""
    whole, frac = str(abs(amount)).split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    txt = "%s%s,%s" % (sign, ".".join(groups), frac)
    if not with_symbol:
        return txt
    symbol = {"EUR": u"\u20ac", "USD": "$", "GBP": u"\u00a3"}.get(currency, currency + " ")
    return u"%s %s" % (symbol, txt)


def to_cents(value):
    return int((round_money(value) * 100).to_integral_value())


def from_cents(cents):
    return (Decimal(int(cents)) / 100).quantize(CENT)


def add_vat(net, rate):
    net = D(net)
    vat = round_money(net * D(rate))
    return vat, round_money(net + vat)


def split_vat(gross, rate):
    """Gross incl. VAT -> (net, vat)."""
    gross = D(gross)
    net = round_money(gross / (1 + D(rate)))
    return net, round_money(gross - net)


def allocate_evenly(total, parts):
    """Split total into `parts` amounts that sum exactly to total."""
    total = round_money(total)
    if parts <= 0:
        return []
    base = round_money(total / parts)
    result = [base] * parts
    diff = total - sum(result)
    result[-1] = round_money(result[-1] + diff)
    return result
