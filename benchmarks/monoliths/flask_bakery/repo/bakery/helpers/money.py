from decimal import Decimal, ROUND_HALF_UP

VAT_RATES = {
    "standard": Decimal("0.20"),
    "reduced": Decimal("0.05"),
    "zero": Decimal("0.00"),
}

TWO_PLACES = Decimal("0.01")


def to_money(value):
    if value is None:
        return Decimal("0.00")
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def round_money(value):
    # kept for old callers, same as to_money
    return to_money(value)


def pence(value):
    return int((to_money(value) * 100).to_integral_value())


def from_pence(value):
    return to_money(Decimal(int(value or 0)) / 100)


def apply_vat(net, rate="standard"):
    rate = VAT_RATES.get(rate, rate)
    return to_money(Decimal(net) * (1 + Decimal(rate)))


def vat_portion(gross, rate="standard"):
    rate = Decimal(VAT_RATES.get(rate, rate))
    if rate == 0:
        return Decimal("0.00")
    return to_money(Decimal(gross) - (Decimal(gross) / (1 + rate)))


def format_gbp(value):
    value = to_money(value)
    sign = "-" if value < 0 else ""
    return u"%s\u00a3%s" % (sign, "{:,.2f}".format(abs(value)))


def percent(part, whole, places=1):
    if not whole:
        return 0.0
    return round(float(part) * 100.0 / float(whole), places)
