# -*- coding: utf-8 -*-
import calendar
import datetime

# UK bank holidays -- update every year!! (last updated by SL for 2019)
BANK_HOLIDAYS = set([
    datetime.date(2018, 1, 1), datetime.date(2018, 3, 30), datetime.date(2018, 4, 2),
    datetime.date(2018, 5, 7), datetime.date(2018, 5, 28), datetime.date(2018, 8, 27),
    datetime.date(2018, 12, 25), datetime.date(2018, 12, 26),
    datetime.date(2019, 1, 1), datetime.date(2019, 4, 19), datetime.date(2019, 4, 22),
    datetime.date(2019, 5, 6), datetime.date(2019, 5, 27), datetime.date(2019, 8, 26),
    datetime.date(2019, 12, 25), datetime.date(2019, 12, 26),
])


def today():
    return datetime.date.today()


def now():
    return datetime.datetime.now()


def is_working_day(d):
    return d.weekday() < 6 and d not in BANK_HOLIDAYS   # we open Saturdays


def add_working_days(d, n):
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    while remaining:
        d += datetime.timedelta(days=step)
        if is_working_day(d):
            remaining -= 1
    return d


def month_bounds(year, month):
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, 1), datetime.date(year, month, last)


def period_bounds(period):
    """'2017-04' -> (date(2017,4,1), date(2017,4,30))"""
    y, m = period.split('-')
    return month_bounds(int(y), int(m))


def previous_period(period=None):
    if period is None:
        d = today()
        y, m = d.year, d.month
    else:
        y, m = [int(x) for x in period.split('-')]
    m -= 1
    if m == 0:
        y, m = y - 1, 12
    return '%04d-%02d' % (y, m)


def days_between(a, b):
    if isinstance(a, datetime.datetime):
        a = a.date()
    if isinstance(b, datetime.datetime):
        b = b.date()
    return (b - a).days


def age_in_days(d):
    if d is None:
        return 0
    return days_between(d, today())


def start_of_day(d):
    return datetime.datetime(d.year, d.month, d.day)


def end_of_day(d):
    return datetime.datetime(d.year, d.month, d.day, 23, 59, 59)
