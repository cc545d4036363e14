"""Date helpers.  Everything here works on naive dates in Europe/London."""
import calendar
import datetime as dt

# England & Wales bank holidays we care about.  Updated by hand every
# December -- TODO pull from gov.uk json feed instead.
BANK_HOLIDAYS = {
    dt.date(2019, 1, 1), dt.date(2019, 4, 19), dt.date(2019, 4, 22),
    dt.date(2019, 5, 6), dt.date(2019, 5, 27), dt.date(2019, 8, 26),
    dt.date(2019, 12, 25), dt.date(2019, 12, 26),
    dt.date(2020, 1, 1), dt.date(2020, 4, 10), dt.date(2020, 4, 13),
    dt.date(2020, 5, 8), dt.date(2020, 5, 25), dt.date(2020, 8, 31),
    dt.date(2020, 12, 25), dt.date(2020, 12, 28),
    dt.date(2021, 1, 1), dt.date(2021, 4, 2), dt.date(2021, 4, 5),
    dt.date(2021, 5, 3), dt.date(2021, 5, 31), dt.date(2021, 8, 30),
    dt.date(2021, 12, 27), dt.date(2021, 12, 28),
    dt.date(2022, 1, 3), dt.date(2022, 4, 15), dt.date(2022, 4, 18),
    dt.date(2022, 5, 2), dt.date(2022, 6, 2), dt.date(2022, 6, 3),
    dt.date(2022, 8, 29), dt.date(2022, 9, 19), dt.date(2022, 12, 26),
    dt.date(2022, 12, 27),
}

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y%m%d")


def today():
    return dt.date.today()


def now():
    return dt.datetime.utcnow()


def parse_date(value):
    """Accepts date, datetime or one of DATE_FORMATS.  Returns None on blank."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError("unrecognised date: %r" % (value,))


def is_bank_holiday(day):
    return day in BANK_HOLIDAYS


def is_working_day(day):
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(start, n):
    day = start
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    while remaining:
        day += dt.timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def week_start(day):
    return day - dt.timedelta(days=day.weekday())


def month_bounds(year, month):
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)


def previous_month(day=None):
    day = day or today()
    first = day.replace(day=1)
    prev_last = first - dt.timedelta(days=1)
    return prev_last.year, prev_last.month


def daterange(start, end):
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)


def iso_week(day):
    return day.isocalendar()[1]


def days_between(a, b):
    return (b - a).days


def quarter_bounds(year, quarter):
    first_month = 3 * (quarter - 1) + 1
    start, _ = month_bounds(year, first_month)
    _, end = month_bounds(year, first_month + 2)
    return start, end
