import calendar
import datetime

import pytz
from dateutil import parser as _dtparser

LOCAL_TZ = pytz.timezone("Europe/London")

# TODO: load from the gov.uk bank-holidays feed, this goes stale every year
BANK_HOLIDAYS = {
    datetime.date(2021, 12, 27), datetime.date(2021, 12, 28),
    datetime.date(2022, 1, 3), datetime.date(2022, 4, 15), datetime.date(2022, 4, 18),
    datetime.date(2022, 5, 2), datetime.date(2022, 6, 2), datetime.date(2022, 6, 3),
    datetime.date(2022, 8, 29), datetime.date(2022, 9, 19), datetime.date(2022, 12, 26),
    datetime.date(2022, 12, 27), datetime.date(2023, 1, 2), datetime.date(2023, 4, 7),
    datetime.date(2023, 4, 10), datetime.date(2023, 5, 1), datetime.date(2023, 5, 8),
    datetime.date(2023, 5, 29), datetime.date(2023, 8, 28), datetime.date(2023, 12, 25),
    datetime.date(2023, 12, 26),
}


def utcnow():
    return datetime.datetime.utcnow()


def today():
    return datetime.date.today()


def to_local(dt):
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = pytz.utc.localize(dt)
    return dt.astimezone(LOCAL_TZ)


def parse_date(value, default=None):
    if value in (None, ""):
        return default
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return _dtparser.parse(value, dayfirst=True).date()
    except (ValueError, OverflowError):
        return default


def parse_datetime(value, default=None):
    if value in (None, ""):
        return default
    if isinstance(value, datetime.datetime):
        return value
    try:
        return _dtparser.parse(value, dayfirst=True)
    except (ValueError, OverflowError):
        return default


def format_date(d, fmt="%d/%m/%Y"):
    return d.strftime(fmt) if d else ""


def format_datetime(dt, fmt="%d/%m/%Y %H:%M"):
    return to_local(dt).strftime(fmt) if dt else ""


def is_working_day(d):
    return d.weekday() < 5 and d not in BANK_HOLIDAYS


def add_working_days(start, days):
    if isinstance(start, datetime.datetime):
        start = start.date()
    d = start
    added = 0
    while added < days:
        d += datetime.timedelta(days=1)
        if is_working_day(d):
            added += 1
    return d


def working_days_between(start, end):
    if start is None or end is None:
        return None
    if isinstance(start, datetime.datetime):
        start = start.date()
    if isinstance(end, datetime.datetime):
        end = end.date()
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    n = 0
    d = start
    while d < end:
        d += datetime.timedelta(days=1)
        if is_working_day(d):
            n += 1
    return n * sign


def start_of_month(d):
    return d.replace(day=1)


def end_of_month(d):
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def previous_month_range(ref=None):
    ref = ref or today()
    last = start_of_month(ref) - datetime.timedelta(days=1)
    return start_of_month(last), last


def age_in_hours(dt, now=None):
    if dt is None:
        return None
    now = now or utcnow()
    return (now - dt).total_seconds() / 3600.0
