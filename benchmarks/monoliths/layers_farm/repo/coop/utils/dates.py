import calendar
from datetime import date, datetime, timedelta

import pytz

LOCAL_TZ = pytz.timezone("America/Regina")

# Crop year runs Aug 1 -> Jul 31 (CGC convention)
CROP_YEAR_START_MONTH = 8


def now_local():
    return datetime.now(LOCAL_TZ)


def today():
    return now_local().date()


def parse_date(value):
    """Accepts date, datetime, 'YYYY-MM-DD' or 'DD/MM/YYYY' (the weighbridge PC)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError("unparseable date: %r" % (value,))


def crop_year_for(d):
    """Return the crop year label, e.g. 2021 for 2021-08-01 .. 2022-07-31."""
    d = parse_date(d) or today()
    return d.year if d.month >= CROP_YEAR_START_MONTH else d.year - 1


def crop_year_bounds(crop_year):
    start = date(crop_year, CROP_YEAR_START_MONTH, 1)
    end = date(crop_year + 1, CROP_YEAR_START_MONTH, 1) - timedelta(days=1)
    return start, end


def month_range(year, month):
    last = calendar.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last)


def business_days_between(start, end):
    start, end = parse_date(start), parse_date(end)
    if end < start:
        start, end = end, start
    days = 0
    cur = start
    while cur < end:
        if cur.weekday() < 5:
            days += 1
        cur += timedelta(days=1)
    return days


def hours_between(start_dt, end_dt):
    if not start_dt or not end_dt:
        return 0.0
    return round((end_dt - start_dt).total_seconds() / 3600.0, 2)


def fmt_date(d):
    return d.strftime("%d %b %Y") if d else ""
