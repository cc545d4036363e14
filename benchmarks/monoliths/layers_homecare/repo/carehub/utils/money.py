from decimal import Decimal, ROUND_HALF_UP


def to_pence(amount):
    return int((Decimal(str(amount)) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def format_gbp(pence):
    if pence is None:
        return ""
    sign = "-" if pence < 0 else ""
    return "%s\u00a3%s" % (sign, "{:,.2f}".format(abs(pence) / 100.0))


def prorate(amount_pence, minutes, per_minutes=60):
    return int(Decimal(amount_pence * minutes / per_minutes).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
