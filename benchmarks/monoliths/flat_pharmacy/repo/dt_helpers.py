"""date helpers.  we are on US/Central for everything, don't ask about the
Arizona branch."""
import datetime

DATE_FMT = '%m/%d/%Y'
ISO_FMT = '%Y-%m-%d'

US_HOLIDAYS_FIXED = [(1, 1), (7, 4), (12, 25), (11, 11)]


def today():
    return datetime.date.today()


def now():
    return datetime.datetime.now()


def parse_date(s):
    if s is None or s == '':
        return None
    if isinstance(s, (datetime.date, datetime.datetime)):
        return s
    for fmt in (ISO_FMT, DATE_FMT, '%m/%d/%y', '%Y%m%d'):
        try:
            return datetime.datetime.strptime(s.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError('bad date: %r' % s)


def fmt_date(d, fmt=DATE_FMT):
    if d is None:
        return ''
    return d.strftime(fmt)


def is_business_day(d):
    if d.weekday() >= 5:
        return False
    if (d.month, d.day) in US_HOLIDAYS_FIXED:
        return False
    return True


def add_business_days(d, n):
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    while remaining:
        d = d + datetime.timedelta(days=step)
        if is_business_day(d):
            remaining -= 1
    return d


def start_of_week(d):
    return d - datetime.timedelta(days=d.weekday())


def days_between(a, b):
    return (b - a).days


def age_in_years(dob, on=None):
    on = on or today()
    if dob is None:
        return None
    years = on.year - dob.year
    if (on.month, on.day) < (dob.month, dob.day):
        years -= 1
    return years


def add_months(d, months):
    m = d.month - 1 + months
    y = d.year + m // 12
    m = m % 12 + 1
    day = min(d.day, [31, 29 if y % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1])
    return datetime.date(y, m, day)
