"""Date helpers.

Everything in the db is naive UTC. Do not store local times. (Yes, the
tracking_events table has some rows from 2019 that are in local time.)
"""
import datetime

ISO_FMT = "%Y-%m-%dT%H:%M:%S"
DATE_FMTS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y%m%d")


def utcnow():
    return datetime.datetime.utcnow().replace(microsecond=0)


def today():
    return utcnow().date()


def parse_date(value):
    """Parse a date in one of the formats we have seen from customers."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    for fmt in DATE_FMTS:
        try:
            return datetime.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError("unparseable date: %r" % value)


def parse_datetime(value):
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value
    value = value.strip().replace("Z", "")
    for fmt in (ISO_FMT, "%Y-%m-%d %H:%M:%S", "%Y%m%d%H%M", "%Y-%m-%dT%H:%M"):
        try:
            return datetime.datetime.strptime(value, fmt)
        except ValueError:
            continue
    d = parse_date(value)
    return datetime.datetime(d.year, d.month, d.day)


def to_iso(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.strftime(ISO_FMT)
    return value.isoformat()


def add_business_days(start, days):
    current = start
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    while remaining:
        current = current + datetime.timedelta(days=step)
        if current.weekday() < 5:
            remaining -= 1
    return current


def business_days_between(start, end):
    if start is None or end is None:
        return None
    if end < start:
        return -business_days_between(end, start)
    days = 0
    current = start
    while current < end:
        current = current + datetime.timedelta(days=1)
        if current.weekday() < 5:
            days += 1
    return days


def week_start(d):
    return d - datetime.timedelta(days=d.weekday())


def month_bounds(year, month):
    start = datetime.date(year, month, 1)
    if month == 12:
        end = datetime.date(year + 1, 1, 1)
    else:
        end = datetime.date(year, month + 1, 1)
    return start, end - datetime.timedelta(days=1)


def demurrage_days(discharged_at, gate_out_at, free_days=7):
    """Chargeable container demurrage days after the free time at the terminal.

    Lives here because the first version was needed by both the booking screen
    and the invoice run. Only the booking side uses it now.
    """
    if discharged_at is None:
        return 0
    end = gate_out_at or utcnow()
    used = (end.date() - discharged_at.date()).days
    return max(0, used - free_days)
