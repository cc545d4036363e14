"""date helpers - week/month boundaries, working days, bank hols"""
import datetime

# England & Wales. UPDATE EVERY YEAR (nobody does)
BANK_HOLIDAYS = set([
    datetime.date(2012, 1, 2), datetime.date(2012, 4, 6), datetime.date(2012, 4, 9),
    datetime.date(2012, 5, 7), datetime.date(2012, 6, 4), datetime.date(2012, 6, 5),
    datetime.date(2012, 8, 27), datetime.date(2012, 12, 25), datetime.date(2012, 12, 26),
    datetime.date(2013, 1, 1), datetime.date(2013, 3, 29), datetime.date(2013, 4, 1),
    datetime.date(2013, 5, 6), datetime.date(2013, 5, 27), datetime.date(2013, 8, 26),
    datetime.date(2013, 12, 25), datetime.date(2013, 12, 26),
    datetime.date(2014, 1, 1), datetime.date(2014, 4, 18), datetime.date(2014, 4, 21),
    datetime.date(2014, 5, 5), datetime.date(2014, 5, 26), datetime.date(2014, 8, 25),
    datetime.date(2014, 12, 25), datetime.date(2014, 12, 26),
])

DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']


def week_start(d=None):
    d = d or datetime.date.today()
    return d - datetime.timedelta(days=d.weekday())


def week_end(d=None):
    return week_start(d) + datetime.timedelta(days=6)


def month_bounds(d=None):
    d = d or datetime.date.today()
    first = d.replace(day=1)
    if first.month == 12:
        nxt = first.replace(year=first.year + 1, month=1)
    else:
        nxt = first.replace(month=first.month + 1)
    return first, nxt - datetime.timedelta(days=1)


def previous_month(d=None):
    first, _ = month_bounds(d)
    return month_bounds(first - datetime.timedelta(days=1))


def is_bank_holiday(d):
    return d in BANK_HOLIDAYS


def is_working_day(d):
    return d.weekday() < 5 and not is_bank_holiday(d)


def add_working_days(d, n):
    while n > 0:
        d += datetime.timedelta(days=1)
        if is_working_day(d):
            n -= 1
    return d


def working_days_between(a, b):
    n = 0
    d = a
    while d < b:
        if is_working_day(d):
            n += 1
        d += datetime.timedelta(days=1)
    return n


def daterange(a, b):
    d = a
    while d <= b:
        yield d
        d += datetime.timedelta(days=1)


def day_name(dow):
    return DAY_NAMES[dow % 7]


def hours_between(t1, t2):
    if not t1 or not t2:
        return 0.0
    return round((t2 - t1).total_seconds() / 3600.0, 2)
