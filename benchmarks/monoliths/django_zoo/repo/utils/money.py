from decimal import Decimal, ROUND_HALF_UP

VAT_RATE = Decimal("0.20")
TWO_PLACES = Decimal("0.01")


def round_money(value):
    if value is None:
        return Decimal("0.00")
    return Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def to_pence(value):
    """Payment provider wants integer pence."""
    return int((round_money(value) * 100).to_integral_value())


def from_pence(pence):
    return round_money(Decimal(pence) / 100)


def format_money(value, symbol=u"\u00a3"):
    value = round_money(value)
    sign = "-" if value < 0 else ""
    return u"%s%s%s" % (sign, symbol, "{:,.2f}".format(abs(value)))


def vat_split(gross, rate=VAT_RATE):
    """Split a VAT-inclusive gross amount into (net, vat)."""
    gross = round_money(gross)
    net = round_money(gross / (1 + rate))
    return net, gross - net


def percent_of(value, pct):
    return round_money(Decimal(value) * Decimal(pct) / 100)


def sum_money(values):
    total = Decimal("0.00")
    for v in values:
        if v is not None:
            total += Decimal(v)
    return round_money(total)
