from decimal import Decimal, ROUND_HALF_UP

# rough rates, finance updates these by hand (TODO: pull from ECB feed)
FX_RATES = {"EUR": Decimal("1"), "USD": Decimal("0.92"), "GBP": Decimal("1.16"), "CHF": Decimal("1.02")}


def round_money(value):
    return Decimal(value or 0).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_money(value, currency="EUR"):
    return "%s %s" % (currency, "{:,.2f}".format(round_money(value)))


def convert_currency(amount, from_ccy, to_ccy):
    if from_ccy == to_ccy:
        return round_money(amount)
    eur = Decimal(amount) * FX_RATES[from_ccy]
    return round_money(eur / FX_RATES[to_ccy])
