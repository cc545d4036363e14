from datetime import datetime, date, timedelta

import pytz
from dateutil import parser as dtparser
from flask import current_app


def utc_now():
    return datetime.utcnow().replace(microsecond=0)


def parse_iso(value):
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value
    return dtparser.parse(value)


def minutes_between(a, b):
    if not a or not b:
        return None
    return int((b - a).total_seconds() // 60)


def format_hhmm(dt):
    return dt.strftime("%H%M") if dt else "----"


def month_bounds(year, month):
    first = date(year, month, 1)
    if month == 12:
        nxt = date(year + 1, 1, 1)
    else:
        nxt = date(year, month + 1, 1)
    return first, nxt - timedelta(days=1)


def daterange(start, end):
    d = start
    while d <= end:
        yield d
        d += timedelta(days=1)


def overlaps(a_start, a_end, b_start, b_end):
    return a_start < b_end and b_start < a_end
