"""money helpers.  ALWAYS Decimal, never float. (see incident 2013-11)"""
from decimal import Decimal, ROUND_HALF_UP

import config

CENT = Decimal('0.01')
ZERO = Decimal('0.00')


def to_decimal(v):
    if v is None or v == '':
        return ZERO
    if isinstance(v, Decimal):
        return v
    if isinstance(v, float):
        v = repr(v)
    return Decimal(str(v).replace('$', '').replace(',', ''))


def round_money(v):
    return to_decimal(v).quantize(CENT, rounding=ROUND_HALF_UP)


def fmt_money(v):
    v = round_money(v)
    sign = '-' if v < 0 else ''
    return '%s$%s' % (sign, '{:,.2f}'.format(abs(v)))


def pct_of(amount, pct):
    return round_money(to_decimal(amount) * to_decimal(pct) / Decimal(100))


def add_sales_tax(amount, rate=None):
    rate = to_decimal(rate or config.SALES_TAX_RATE)
    return round_money(to_decimal(amount) * (1 + rate))


def split_evenly(total, n):
    total = round_money(total)
    base = (total / n).quantize(CENT, rounding='ROUND_DOWN')
    parts = [base] * n
    rem = total - base * n
    i = 0
    while rem > 0:
        parts[i] += CENT
        rem -= CENT
        i += 1
    return parts
