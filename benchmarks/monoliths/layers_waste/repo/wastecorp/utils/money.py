"""Money helpers.  Always Decimal, always GBP, always round half up."""
from decimal import Decimal, ROUND_HALF_UP, InvalidOperation

TWOPLACES = Decimal("0.01")
ZERO = Decimal("0.00")


def to_decimal(value):
    if value is None or value == "":
        return ZERO
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        # floats come from the old telematics feed and from json; go via str
        value = repr(value)
    try:
        return Decimal(str(value).replace(",", "").replace(u"\u00a3", "").strip())
    except InvalidOperation:
        raise ValueError("not a money amount: %r" % (value,))


def round_money(value):
    return to_decimal(value).quantize(TWOPLACES, rounding=ROUND_HALF_UP)


def vat_amount(net, rate):
    return round_money(to_decimal(net) * to_decimal(rate))


def gross_from_net(net, rate):
    net = round_money(net)
    return net + vat_amount(net, rate)


def sum_money(values):
    total = ZERO
    for v in values:
        total += to_decimal(v)
    return round_money(total)


def to_pence(value):
    return int(round_money(value) * 100)


def from_pence(pence):
    return round_money(Decimal(pence) / 100)


def format_money(value, symbol=u"\u00a3"):
    amount = round_money(value)
    sign = "-" if amount < 0 else ""
    return u"%s%s%s" % (sign, symbol, "{:,.2f}".format(abs(amount)))


def format_rate(value, places=4):
    return ("{:.%df}" % places).format(to_decimal(value))
