import datetime

from django.utils import timezone

US_HOLIDAYS_FIXED = {(1, 1), (7, 4), (11, 11), (12, 25)}


def today_local():
    return timezone.localdate()


def now_local():
    return timezone.localtime(timezone.now())


def parse_date_loose(value):
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value
    for fmt in ('%Y-%m-%d', '%m/%d/%Y', '%m/%d/%y', '%d-%b-%Y'):
        try:
            return datetime.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def is_working_day(d):
    return d.weekday() < 5 and (d.month, d.day) not in US_HOLIDAYS_FIXED


def add_working_days(start, days):
    d = start
    added = 0
    while added < days:
        d += datetime.timedelta(days=1)
        if is_working_day(d):
            added += 1
    return d


def age_on(dob, on_date=None):
    if dob is None:
        return None
    on_date = on_date or today_local()
    years = on_date.year - dob.year
    if (on_date.month, on_date.day) < (dob.month, dob.day):
        years -= 1
    return years


def week_start(d):
    return d - datetime.timedelta(days=d.weekday())


def daterange(start, end):
    d = start
    while d <= end:
        yield d
        d += datetime.timedelta(days=1)
