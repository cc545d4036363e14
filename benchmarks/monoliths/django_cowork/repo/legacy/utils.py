# -*- coding: utf-8 -*-
# Helpers from the PHP->Django port (2018). Prefer common.utils.
import datetime
import unicodedata


def old_format_currency(amount):
    return u"£%.2f" % float(amount or 0)


def legacy_date_parse(value):
    for fmt in ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(value.strip(), fmt).date()
        except (ValueError, AttributeError):
            continue
    return None


def to_ascii(s):
    if s is None:
        return ""
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")
