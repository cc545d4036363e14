from decimal import Decimal, ROUND_HALF_UP

VAT_RATE = Decimal("0.20")


def to_pence(amount):
    if amount is None:
        return 0
    return int((Decimal(str(amount)) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def from_pence(pence):
    return (Decimal(pence or 0) / 100).quantize(Decimal("0.01"))


def format_gbp(pence):
    value = from_pence(pence)
    sign = "-" if value < 0 else ""
    return u"%s\u00a3%s" % (sign, "{:,.2f}".format(abs(value)))


def add_vat(net_pence, rate=VAT_RATE):
    return int((Decimal(net_pence) * (1 + Decimal(rate))).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def vat_portion(gross_pence, rate=VAT_RATE):
    gross = Decimal(gross_pence)
    net = gross / (1 + Decimal(rate))
    return int((gross - net).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def percentage_of(pence, pct):
    return int((Decimal(pence) * Decimal(str(pct)) / 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def split_evenly(total_pence, parts):
    """Split an amount into n parts that sum exactly to the total."""
    if parts <= 0:
        return []
    base, remainder = divmod(int(total_pence), parts)
    return [base + (1 if i < remainder else 0) for i in range(parts)]
