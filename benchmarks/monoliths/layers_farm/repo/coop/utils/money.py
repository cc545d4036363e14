from decimal import Decimal, ROUND_HALF_UP

CENT = Decimal("0.01")


def D(value):
    """Coerce to Decimal without float noise."""
    if value is None:
        return Decimal("0")
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def round_money(value):
    return D(value).quantize(CENT, rounding=ROUND_HALF_UP)


def to_cents(value):
    return int(round_money(value) * 100)


def from_cents(cents):
    return (Decimal(cents) / 100).quantize(CENT)


def format_money(value, currency="CAD"):
    amount = round_money(value)
    sign = "-" if amount < 0 else ""
    return "%s$%s %s" % (sign, "{:,.2f}".format(abs(amount)), currency)


def allocate_proportionally(total, weights):
    """Split `total` across `weights` so the parts add up exactly (largest remainder)."""
    total = round_money(total)
    weights = [D(w) for w in weights]
    wsum = sum(weights)
    if not weights or wsum == 0:
        return [Decimal("0.00") for _ in weights]
    raw = [total * w / wsum for w in weights]
    parts = [r.quantize(CENT, rounding="ROUND_DOWN") for r in raw]
    remainder = int((total - sum(parts)) / CENT)
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[:remainder]:
        parts[i] += CENT
    return parts


def percent_of(amount, pct):
    return round_money(D(amount) * D(pct) / Decimal("100"))
