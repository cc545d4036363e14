import datetime as dt

# City observed holidays; HR sends the list each December.
CITY_HOLIDAYS = {dt.date(*d) for d in (
    (2021, 11, 25), (2021, 12, 24), (2021, 12, 31), (2022, 1, 17), (2022, 5, 30), (2022, 7, 4), (2022, 9, 5),
    (2022, 11, 24), (2022, 11, 25), (2022, 12, 26), (2023, 1, 2), (2023, 1, 16), (2023, 5, 29), (2023, 7, 4),
    (2023, 9, 4), (2023, 11, 23), (2023, 11, 24), (2023, 12, 25))}


def today():
    return dt.date.today()


def is_business_day(day):
    return day.weekday() < 5 and day not in CITY_HOLIDAYS


def add_business_days(start, days):
    current = start
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    while remaining:
        current += dt.timedelta(days=step)
        if is_business_day(current):
            remaining -= 1
    return current


def business_days_between(start, end):
    if isinstance(start, dt.datetime):
        start = start.date()
    if isinstance(end, dt.datetime):
        end = end.date()
    count = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        if is_business_day(current):
            count += 1
    return count


def next_business_day(day):
    return add_business_days(day, 1)


def parse_date(value):
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError("unrecognised date: %r" % value)


def fmt_date(value):
    """US style for letters and printed permits."""
    if value is None:
        return ""
    return value.strftime("%m/%d/%Y")


def fiscal_year(day):
    """City fiscal year starts July 1st."""
    return day.year + 1 if day.month >= 7 else day.year


def month_bounds(year, month):
    first = dt.date(year, month, 1)
    nxt = dt.date(year + (month // 12), month % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)
