"""VAT. Rates come from vat_rates so we survive the next change (2011 was painful)."""
import decimal

import db
import util
from decorators import memoize

FALLBACK = {'S': decimal.Decimal('0.20'), 'Z': decimal.Decimal('0'), 'E': decimal.Decimal('0')}


@memoize(seconds=600)
def vat_rate(code='S', on=None):
    on = on or util.today()
    r = db.fetch_value(
        "SELECT rate FROM vat_rates WHERE code = %s AND valid_from <= %s "
        "AND (valid_to IS NULL OR valid_to >= %s) ORDER BY valid_from DESC LIMIT 1",
        (code, on, on))
    if r is None:
        return FALLBACK.get(code, FALLBACK['S'])
    return r


def calc_vat(net, code='S', on=None):
    return util.round_money(util.to_decimal(net, 0) * vat_rate(code, on))


def split_gross(gross, code='S', on=None):
    gross = util.to_decimal(gross, 0)
    rate = vat_rate(code, on)
    net = util.round_money(gross / (1 + rate))
    return net, gross - net


def vat_code_for_customer(customer_id):
    # hospitals (NHS) are zero rated on some lines - accounts said to leave it as S for now
    return 'S'
