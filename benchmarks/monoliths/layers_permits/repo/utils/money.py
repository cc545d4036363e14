from decimal import ROUND_HALF_UP, Decimal


def to_cents(amount):
    if amount is None:
        return 0
    if isinstance(amount, int):
        return amount * 100
    return int((Decimal(str(amount)) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def from_cents(cents):
    return (Decimal(cents or 0) / 100).quantize(Decimal("0.01"))


def fmt_money(cents):
    value = from_cents(cents)
    sign = "-" if value < 0 else ""
    return "%s$%s" % (sign, "{:,.2f}".format(abs(value)))


def percent_of(cents, percent):
    return int((Decimal(cents) * Decimal(str(percent)) / 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
