import datetime

UK_BANK_HOLIDAYS = {
    # TODO: pull from gov.uk json instead of hardcoding every december
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
    datetime.date(2022, 8, 29), datetime.date(2022, 12, 26), datetime.date(2022, 12, 27),
}

DAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def today():
    return datetime.date.today()


def now_utc():
    return datetime.datetime.utcnow()


def parse_date(value, default=None):
    if not value:
        return default
    if isinstance(value, datetime.date):
        return value
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return default


def daterange(start, end, inclusive=True):
    day = start
    while day < end or (inclusive and day == end):
        yield day
        day += datetime.timedelta(days=1)


def week_start(day=None):
    day = day or today()
    return day - datetime.timedelta(days=day.weekday())


def week_bounds(day=None):
    start = week_start(day)
    return start, start + datetime.timedelta(days=6)


def is_bank_holiday(day):
    return day in UK_BANK_HOLIDAYS


def is_working_day(day):
    return day.weekday() < 6 and not is_bank_holiday(day)


def hours_between(start, end):
    """Hours between two datetimes (or times on the same day), handles overnight."""
    if isinstance(start, datetime.time):
        base = datetime.date(2000, 1, 1)
        start = datetime.datetime.combine(base, start)
        end = datetime.datetime.combine(base, end)
    delta = end - start
    if delta.total_seconds() < 0:
        delta += datetime.timedelta(days=1)
    return round(delta.total_seconds() / 3600.0, 2)


def next_delivery_day(customer, from_date=None):
    """Next day we deliver to this wholesale customer.

    customer.delivery_days is a csv like "mon,wed,fri". Skips bank holidays
    unless the customer has bank_holiday_deliveries set.
    """
    from_date = from_date or today()
    days = [d.strip() for d in (customer.delivery_days or "").split(",") if d.strip()]
    if not days:
        days = DAY_NAMES[:6]
    candidate = from_date + datetime.timedelta(days=1)
    for _ in range(14):
        name = DAY_NAMES[candidate.weekday()]
        if name in days and (customer.bank_holiday_deliveries or not is_bank_holiday(candidate)):
            return candidate
        candidate += datetime.timedelta(days=1)
    return None
