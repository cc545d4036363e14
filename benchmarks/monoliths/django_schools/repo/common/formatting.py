# -*- coding: utf-8 -*-
from __future__ import unicode_literals

import re
from decimal import Decimal, ROUND_HALF_UP

PHONE_DIGITS = re.compile("\d")


def format_name(first, last, preferred=None, last_first=False):
    first = (preferred or first or "").strip()
    last = (last or "").strip()
    if last_first:
        return "%s, %s" % (last, first) if first else last
    return ("%s %s" % (first, last)).strip()


def format_money(amount, symbol="$"):
    if amount is None:
        return ""
    amount = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if amount < 0:
        return "-%s%s" % (symbol, -amount)
    return "%s%s" % (symbol, amount)


def format_phone(raw):
    digits = "".join(PHONE_DIGITS.findall(raw or ""))
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:
        return raw or ""
    return "(%s) %s-%s" % (digits[:3], digits[3:6], digits[6:])


def grade_level_label(level):
    if level is None:
        return ""
    if level == -1:
        return "PK"
    if level == 0:
        return "K"
    return str(level)


def percent(part, whole, places=1):
    if not whole:
        return None
    return round(100.0 * part / whole, places)
