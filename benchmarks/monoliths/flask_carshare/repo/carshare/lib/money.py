"""Money helpers. Everything is integer pence internally."""
from decimal import Decimal, ROUND_HALF_UP

CURRENCY_SYMBOLS = {"GBP": u"\u00a3", "EUR": u"\u20ac", "USD": "$"}


def to_pence(amount):
    if amount is None:
        return 0
    if isinstance(amount, int):
        return amount
    return int((Decimal(str(amount)) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def from_pence(pence):
    return (Decimal(pence or 0) / Decimal(100)).quantize(Decimal("0.01"))


def round_pence(value):
    return int(Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def percent_of(pence, percent):
    return round_pence(Decimal(pence) * Decimal(str(percent)) / Decimal(100))


def vat_on(net_pence, rate):
    return round_pence(Decimal(net_pence) * Decimal(str(rate)))


def split_gross(gross_pence, rate):
    """Return (net, vat) for a VAT-inclusive amount."""
    net = round_pence(Decimal(gross_pence) / (Decimal(1) + Decimal(str(rate))))
    return net, gross_pence - net


def format_money(pence, currency="GBP"):
    sym = CURRENCY_SYMBOLS.get(currency, currency + " ")
    value = from_pence(pence)
    if value < 0:
        return "-%s%s" % (sym, "{:,.2f}".format(-value))
    return "%s%s" % (sym, "{:,.2f}".format(value))
