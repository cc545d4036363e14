# -*- coding: utf-8 -*-
"""Date helpers. Everything billing-period related should go through here
so we stop having five different ideas of 'end of month'."""
import calendar
import datetime

try:
    import pytz
    LOCAL_TZ = pytz.timezone("Europe/Amsterdam")
except ImportError:  # pragma: no cover - old boxes
    pytz = None
    LOCAL_TZ = None

ISO_FMT = "%Y-%m-%d"


def today():
    return datetime.date.today()


def now_utc():
    return datetime.datetime.utcnow().replace(tzinfo=datetime.timezone.utc)


def parse_date(value):
    """Accepts a date, datetime, 'YYYY-MM-DD', 'YYYYMMDD' or 'DD-MM-YYYY'."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    value = value.strip()
    for fmt in (ISO_FMT, "%Y%m%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError("unparseable date: %r" % value)


def parse_timestamp(value, fmt="%Y%m%d%H%M%S"):
    """CDR style timestamps, assumed local time, returned as aware UTC."""
    dt = datetime.datetime.strptime(value, fmt)
    if LOCAL_TZ is not None:
        dt = LOCAL_TZ.localize(dt).astimezone(datetime.timezone.utc)
    else:
        dt = dt.replace(tzinfo=datetime.timezone.utc)
    return dt


def first_of_month(d):
    return d.replace(day=1)


def last_of_month(d):
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def month_bounds(d):
    return first_of_month(d), last_of_month(d)


def add_months(d, months):
    month = d.month - 1 + months
    year = d.year + month // 12
    month = month % 12 + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return d.replace(year=year, month=month, day=day)


def add_days(d, n):
    return d + datetime.timedelta(days=n)


def days_between(a, b):
    return (b - a).days


def business_days_after(d, n):
    """n working days after d (no public holidays, see TODO)."""
    # TODO: Dutch public holidays; SEPA dates are off around Easter
    cur = d
    while n > 0:
        cur += datetime.timedelta(days=1)
        if cur.weekday() < 5:
            n -= 1
    return cur


def period_label(start, end=None):
    if end is None or (start.day == 1 and end == last_of_month(start)):
        return start.strftime("%B %Y")
    return "%s - %s" % (start.strftime("%d-%m-%Y"), end.strftime("%d-%m-%Y"))


def prorate_factor(start, end, period_start, period_end):
    """Fraction of the period [period_start, period_end] covered by [start, end]."""
    s = max(start, period_start)
    e = min(end or period_end, period_end)
    if e < s:
        return 0.0
    total = (period_end - period_start).days + 1
    return ((e - s).days + 1) / float(total)
