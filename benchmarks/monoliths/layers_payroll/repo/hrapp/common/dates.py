import calendar
from datetime import date, datetime, timedelta, timezone

from dateutil.parser import isoparse


def utcnow():
    return datetime.now(timezone.utc)


def today():
    return utcnow().date()


def parse_date(value):
    if value is None or isinstance(value, date):
        return value
    return isoparse(value).date()


def month_bounds(year, month):
    last = calendar.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last)


def business_days_between(start, end, holidays=()):
    """Inclusive count of Mon-Fri days between two dates, minus holidays."""
    days = 0
    current = start
    while current <= end:
        if current.weekday() < 5 and current not in holidays:
            days += 1
        current += timedelta(days=1)
    return days


def iso_week_start(day):
    return day - timedelta(days=day.weekday())


def count_leave_days(start, end, half_day_start=False, half_day_end=False, holidays=()):
    """Leave days charged against a balance (half days count 0.5)."""
    days = float(business_days_between(start, end, holidays))
    if half_day_start:
        days -= 0.5
    if half_day_end and end != start:
        days -= 0.5
    return max(days, 0.0)
