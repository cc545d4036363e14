import calendar
from datetime import date, datetime, timedelta

UK_BANK_HOLIDAYS = set()  # loaded lazily from gov.uk json, see load_bank_holidays (removed)


def today():
    return date.today()


def parse_date(value):
    if value is None or isinstance(value, date):
        return value
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError("unparseable date %r" % value)


def add_business_days(start, days):
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in UK_BANK_HOLIDAYS:
            days -= 1
    return current


def month_bounds(year, month):
    last = calendar.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last)


def period_code(d):
    # HMRC-ish period code e.g. 21AP
    return "%02d%s" % (d.year % 100, calendar.month_abbr[d.month][:2].upper())
