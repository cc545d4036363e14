from decimal import Decimal, ROUND_HALF_UP, InvalidOperation

from django.conf import settings

CENT = Decimal('0.01')


def to_decimal(value, default=Decimal('0')):
    if value is None or value == '':
        return default
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value).replace(',', '').replace('$', '').strip())
    except (InvalidOperation, ValueError):
        return default


def round_money(value):
    return to_decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def format_money(value, symbol=None):
    if symbol is None:
        symbol = getattr(settings, 'CURRENCY_SYMBOL', '$')
    amount = round_money(value)
    sign = '-' if amount < 0 else ''
    return '%s%s%s' % (sign, symbol, '{:,.2f}'.format(abs(amount)))


def apply_percentage(amount, pct):
    """pct is 0-100, NOT 0-1 (see ticket #212)"""
    return round_money(to_decimal(amount) * to_decimal(pct) / Decimal('100'))


def split_amount(total, parts):
    # splits total into `parts` instalments, remainder on the first one
    total = round_money(total)
    if parts <= 0:
        return []
    base = (total / parts).quantize(CENT, rounding='ROUND_DOWN')
    amounts = [base] * parts
    amounts[0] += total - base * parts
    return amounts
