"""Date/time helpers.  Everything is naive local time (Europe/London) - yes, we know."""
import datetime
import calendar

# England & Wales bank holidays. Update every year!! (TODO: read from gov.uk json)
BANK_HOLIDAYS = set([
    datetime.date(2019, 1, 1), datetime.date(2019, 4, 19), datetime.date(2019, 4, 22),
    datetime.date(2019, 5, 6), datetime.date(2019, 5, 27), datetime.date(2019, 8, 26),
    datetime.date(2019, 12, 25), datetime.date(2019, 12, 26),
    datetime.date(2020, 1, 1), datetime.date(2020, 4, 10), datetime.date(2020, 4, 13),
    datetime.date(2020, 5, 8), datetime.date(2020, 5, 25), datetime.date(2020, 8, 31),
    datetime.date(2020, 12, 25), datetime.date(2020, 12, 28),
    datetime.date(2021, 1, 1), datetime.date(2021, 4, 2), datetime.date(2021, 4, 5),
    datetime.date(2021, 5, 3), datetime.date(2021, 5, 31), datetime.date(2021, 8, 30),
    datetime.date(2021, 12, 27), datetime.date(2021, 12, 28),
    datetime.date(2022, 1, 3), datetime.date(2022, 4, 15), datetime.date(2022, 4, 18),
    datetime.date(2022, 5, 2), datetime.date(2022, 6, 2), datetime.date(2022, 6, 3),
    datetime.date(2022, 8, 29), datetime.date(2022, 9, 19), datetime.date(2022, 12, 26),
    datetime.date(2022, 12, 27),
])

DATE_FMT = '%d/%m/%Y'
ISO_FMT = '%Y-%m-%d'


def now():
    return datetime.datetime.now().replace(microsecond=0)


def today():
    return datetime.date.today()


def is_bank_holiday(d):
    if isinstance(d, datetime.datetime):
        d = d.date()
    return d in BANK_HOLIDAYS


def week_start(d):
    """Monday of the week containing d"""
    if isinstance(d, datetime.datetime):
        d = d.date()
    return d - datetime.timedelta(days=d.weekday())


def week_dates(start):
    return [start + datetime.timedelta(days=i) for i in range(7)]


def add_months(d, months):
    m = d.month - 1 + months
    y = d.year + m // 12
    m = m % 12 + 1
    day = min(d.day, calendar.monthrange(y, m)[1])
    return datetime.date(y, m, day)


def daterange(start, end, step_days=1):
    d = start
    while d <= end:
        yield d
        d = d + datetime.timedelta(days=step_days)


def dates_on_weekday(start, end, weekday):
    """All dates between start and end (inclusive) falling on weekday (0=Mon)"""
    first = start + datetime.timedelta(days=(weekday - start.weekday()) % 7)
    return list(daterange(first, end, 7))


def combine(d, t):
    return datetime.datetime.combine(d, t)


def minutes_between(a, b):
    return int((b - a).total_seconds() // 60)


def overlaps(a_start, a_end, b_start, b_end):
    return a_start < b_end and b_start < a_end


def age_on(dob, on=None):
    if dob is None:
        return None
    on = on or today()
    years = on.year - dob.year
    if (on.month, on.day) < (dob.month, dob.day):
        years -= 1
    return years


def parse_date(s):
    if not s:
        return None
    if isinstance(s, datetime.date):
        return s
    for fmt in (ISO_FMT, DATE_FMT, '%d-%m-%Y', '%d/%m/%y'):
        try:
            return datetime.datetime.strptime(s.strip(), fmt).date()
        except ValueError:
            continue
    return None


def parse_time(s):
    if not s:
        return None
    for fmt in ('%H:%M', '%H:%M:%S', '%H.%M'):
        try:
            return datetime.datetime.strptime(s.strip(), fmt).time()
        except ValueError:
            continue
    return None


def fmt_date(d):
    if d is None:
        return ''
    return d.strftime(DATE_FMT)


def fmt_datetime(dt):
    if dt is None:
        return ''
    return dt.strftime(DATE_FMT + ' %H:%M')


def financial_year(d):
    """UK council financial year, e.g. 2019/20 for 2019-04-01..2020-03-31"""
    start = d.year if d.month >= 4 else d.year - 1
    return '%d/%02d' % (start, (start + 1) % 100)


def quarter_bounds(d):
    # financial quarters (Q1 = Apr-Jun)
    q_start_month = ((d.month - 4) % 12) // 3 * 3 + 4
    year = d.year if d.month >= 4 or q_start_month < 4 else d.year - 1
    if q_start_month > 12:
        q_start_month -= 12
        year += 1
    start = datetime.date(year, q_start_month, 1)
    end = add_months(start, 3) - datetime.timedelta(days=1)
    return start, end
