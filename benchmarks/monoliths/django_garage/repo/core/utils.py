"""Money helpers. Some of these are used everywhere, not just invoicing."""
import datetime
from decimal import Decimal, ROUND_HALF_UP

from django.conf import settings

PENNY = Decimal('0.01')


def round_money(value):
    return Decimal(value).quantize(PENNY, rounding=ROUND_HALF_UP)


def to_pence(value):
    return int(round_money(value) * 100)


def from_pence(pence):
    return (Decimal(pence) / 100).quantize(PENNY)


def allocate(amount, weights):
    """Split amount over weights so the parts add up exactly (largest remainder)."""
    amount = round_money(amount)
    total_w = sum(weights)
    if not total_w:
        return [Decimal('0.00')] * len(weights)
    raw = [amount * Decimal(w) / Decimal(total_w) for w in weights]
    parts = [r.quantize(PENNY, rounding='ROUND_DOWN') for r in raw]
    remainder = int((amount - sum(parts)) / PENNY)
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[:remainder]:
        parts[i] += PENNY
    return parts


# --- VAT -------------------------------------------------------------------

def calc_vat(net, rate):
    """VAT on a line. HMRC allows rounding per line; we round half up."""
    return round_money(Decimal(net) * Decimal(rate) / Decimal(100))


def net_from_gross(gross, rate):
    return round_money(Decimal(gross) * Decimal(100) / (Decimal(100) + Decimal(rate)))


def vat_breakdown(lines):
    """[(rate, net, vat), ...] grouped by rate, for the bottom of the invoice."""
    out = {}
    for line in lines:
        key = line.tax_rate.rate
        net, vat = out.get(key, (Decimal('0'), Decimal('0')))
        out[key] = (net + line.net_amount, vat + line.vat_amount)
    return sorted((k, v[0], v[1]) for k, v in out.items())


def due_date_for(issued_on, fleet_account=None):
    days = settings.GARAGE_PAYMENT_TERMS_DAYS
    if fleet_account is not None:
        days = fleet_account.payment_terms_days
    return issued_on + datetime.timedelta(days=days)
