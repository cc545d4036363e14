import calendar
import datetime

from django.utils import timezone


def month_range(day):
    first = day.replace(day=1)
    last = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return first, last


def previous_month(day):
    first = day.replace(day=1)
    return month_range(first - datetime.timedelta(days=1))


def business_days_between(start, end):
    days = 0
    cur = start
    while cur < end:
        if cur.weekday() < 5:
            days += 1
        cur += datetime.timedelta(days=1)
    return days


def to_local(dt, tz=None):
    if dt is None:
        return None
    if timezone.is_naive(dt):
        dt = timezone.make_aware(dt)
    return timezone.localtime(dt, tz)
