# -*- coding: utf-8 -*-
import re
import unicodedata
from decimal import Decimal, ROUND_HALF_UP, InvalidOperation
from math import floor, log10

CURRENCY_SYMBOLS = {"GBP": u"\u00a3", "EUR": u"\u20ac", "USD": "$"}


def to_decimal(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def round_half_up(value, places=2):
    d = to_decimal(value)
    if d is None:
        return None
    q = Decimal(1).scaleb(-places)
    return d.quantize(q, rounding=ROUND_HALF_UP)


def format_money(amount, currency="GBP"):
    if amount is None:
        return ""
    amount = round_half_up(amount, 2)
    sym = CURRENCY_SYMBOLS.get(currency, currency + " ")
    if amount < 0:
        return u"-%s%s" % (sym, "{:,.2f}".format(-amount))
    return u"%s%s" % (sym, "{:,.2f}".format(amount))


def format_decimal(value, places=2):
    if value is None:
        return ""
    return "{0:.{1}f}".format(round_half_up(value, places), places)


def round_sig_figs(value, sig=3):
    if value in (None, 0):
        return value
    return round(value, sig - int(floor(log10(abs(value)))) - 1)


def format_percent(value, places=1):
    if value is None:
        return ""
    return "%s%%" % format_decimal(value, places)


def format_address(*parts):
    return ", ".join(p.strip() for p in parts if p and p.strip())


def truncate(text, length=80, suffix="..."):
    if text is None:
        return ""
    if len(text) <= length:
        return text
    return text[: length - len(suffix)].rstrip() + suffix


def slugify(text):
    text = unicodedata.normalize("NFKD", text or u"").encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def yes_no(value):
    return "Yes" if value else "No"


def format_result_value(value, qualifier="", decimals=2, loq=None, lod=None):
    """How a result value is printed on worksheets and certificates.

    Rules agreed with QA in 2019 (QP-017):
      * below LOD  -> "ND" (not detected)
      * below LOQ  -> "<LOQ value"
      * otherwise rounded half-up to the analysis' decimals
    """
    if value is None:
        return ""
    if lod is not None and value < lod:
        return "ND"
    if loq is not None and value < loq:
        return "<" + format_decimal(loq, decimals)
    text = format_decimal(value, decimals)
    if qualifier in ("<", ">"):
        return qualifier + text
    return text
