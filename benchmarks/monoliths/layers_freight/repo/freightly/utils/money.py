"""Money helpers. Always use Decimal, never float (see INC-118)."""
import decimal
from decimal import Decimal, ROUND_HALF_UP

from sqlalchemy import text

from freightly.extensions import db_session

TWO_PLACES = Decimal("0.01")
CURRENCY_SYMBOLS = {"EUR": u"\u20ac", "USD": "$", "GBP": u"\u00a3", "CHF": "CHF "}


def D(value):
    if value is None:
        return Decimal("0")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(str(value))


def round_money(value, places=TWO_PLACES):
    return D(value).quantize(places, rounding=ROUND_HALF_UP)


def sum_money(values):
    total = Decimal("0")
    for v in values:
        total += D(v)
    return round_money(total)


def format_money(amount, currency="EUR"):
    amount = round_money(amount)
    sym = CURRENCY_SYMBOLS.get(currency, currency + " ")
    sign = "-" if amount < 0 else ""
    whole, frac = str(abs(amount)).split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return u"%s%s%s.%s" % (sign, sym, ",".join(groups), frac)


def parse_money(text_value):
    if text_value is None:
        return None
    cleaned = str(text_value).strip().replace(" ", "")
    for sym in CURRENCY_SYMBOLS.values():
        cleaned = cleaned.replace(sym.strip(), "")
    # european style 1.234,56
    if "," in cleaned and cleaned.rfind(",") > cleaned.rfind("."):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
    try:
        return round_money(Decimal(cleaned))
    except decimal.InvalidOperation:
        raise ValueError("not a money amount: %r" % text_value)


def percent_of(amount, pct):
    return round_money(D(amount) * D(pct) / Decimal("100"))


def convert_currency(amount, from_ccy, to_ccy, on_date=None):
    """Convert using the ECB rate stored in exchange_rates.

    # FIXME: this should live in billing, it hits the db from a util module.
    """
    if from_ccy == to_ccy:
        return round_money(amount)
    sql = (
        "SELECT rate FROM exchange_rates WHERE base_currency = :f "
        "AND quote_currency = :t AND (:d IS NULL OR rate_date <= :d) "
        "ORDER BY rate_date DESC LIMIT 1"
    )
    row = db_session.execute(text(sql), {"f": from_ccy, "t": to_ccy, "d": on_date}).fetchone()
    if row is None:
        inv = db_session.execute(text(sql), {"f": to_ccy, "t": from_ccy, "d": on_date}).fetchone()
        if inv is None:
            raise LookupError("no exchange rate %s->%s" % (from_ccy, to_ccy))
        return round_money(D(amount) / D(inv[0]))
    return round_money(D(amount) * D(row[0]))
