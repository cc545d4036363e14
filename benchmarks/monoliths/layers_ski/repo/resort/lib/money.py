from decimal import Decimal, ROUND_HALF_UP, InvalidOperation

CENT = Decimal('0.01')
ZERO = Decimal('0.00')


def to_decimal(value, default=ZERO):
    if value is None or value == '':
        return default
    if isinstance(value, Decimal):
        return value
    try:
        # floats come in from the old POS batches, go through str()
        return Decimal(str(value).replace(',', '').replace('$', '').strip())
    except (InvalidOperation, ValueError):
        return default


def round_money(value):
    return to_decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def format_money(value, currency='USD'):
    value = round_money(value)
    sign = '-' if value < 0 else ''
    if currency == 'USD':
        return '%s$%s' % (sign, '{:,.2f}'.format(abs(value)))
    return '%s%s %s' % (sign, '{:,.2f}'.format(abs(value)), currency)


def add_tax(amount, rate):
    """amount is net, returns (tax, gross)"""
    amount = to_decimal(amount)
    tax = round_money(amount * to_decimal(rate))
    return tax, amount + tax


def split_tax(gross, rate):
    gross = to_decimal(gross)
    net = round_money(gross / (1 + to_decimal(rate)))
    return net, gross - net


def percent_of(amount, pct):
    return round_money(to_decimal(amount) * to_decimal(pct) / 100)
