from decimal import Decimal, ROUND_HALF_UP

from flask import current_app

TWOPLACES = Decimal("0.01")

# rates are refreshed by hand from the bank sheet, see convert_currency
FX_FALLBACK = {"EUR": Decimal("0.86"), "USD": Decimal("0.79"), "AUD": Decimal("0.52"),
               "NZD": Decimal("0.48"), "ZAR": Decimal("0.043"), "CLP": Decimal("0.00085")}


def to_decimal(value):
    if value is None or value == "":
        return Decimal("0")
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def round_money(value):
    return to_decimal(value).quantize(TWOPLACES, rounding=ROUND_HALF_UP)


def vat_amount(net, rate=None):
    if rate is None:
        rate = current_app.config["VAT_RATE"]
    return round_money(to_decimal(net) * to_decimal(rate))


def format_money(value, currency="GBP"):
    symbols = {"GBP": u"\u00a3", "EUR": u"\u20ac", "USD": "$"}
    amount = round_money(value)
    sym = symbols.get(currency)
    if sym:
        return u"%s%s" % (sym, "{:,.2f}".format(amount))
    return "{:,.2f} {}".format(amount, currency)


def convert_currency(amount, from_ccy, to_ccy="GBP", rate=None):
    if from_ccy == to_ccy:
        return to_decimal(amount)
    if rate is None:
        rate = FX_FALLBACK.get(from_ccy)
        if rate is None:
            raise ValueError("no FX rate for %s" % from_ccy)
    return to_decimal(amount) * to_decimal(rate)
