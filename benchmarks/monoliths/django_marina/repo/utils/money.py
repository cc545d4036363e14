from decimal import Decimal, ROUND_HALF_UP

from django.conf import settings

TWOPLACES = Decimal('0.01')


def round_money(value):
    if value is None:
        return Decimal('0.00')
    return Decimal(value).quantize(TWOPLACES, rounding=ROUND_HALF_UP)


def vat_amount(net, rate=None):
    rate = Decimal(rate or settings.VAT_RATE)
    return round_money(Decimal(net) * rate)


def add_vat(net, rate=None):
    return round_money(Decimal(net) + vat_amount(net, rate))


def format_money(value, symbol=u'\u00a3'):
    value = round_money(value)
    if value < 0:
        return '-%s%s' % (symbol, '{:,.2f}'.format(-value))
    return '%s%s' % (symbol, '{:,.2f}'.format(value))


def legacy_round(value):
    # old access-db style rounding (banker's). Kept because 2018 invoices were
    # reprinted with it. DO NOT USE for new code.
    return Decimal(value).quantize(TWOPLACES)
