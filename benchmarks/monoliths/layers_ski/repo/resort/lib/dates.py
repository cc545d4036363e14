import datetime

from dateutil import parser as dateparser

from ..config import resort_timezone


def parse_date(value, default=None):
    if not value:
        return default
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return dateparser.parse(value).date()
    except (ValueError, OverflowError):
        return default


def daterange(start, end, inclusive=False):
    day = start
    while day < end or (inclusive and day == end):
        yield day
        day += datetime.timedelta(days=1)


def nights_between(arrival, departure):
    return max((departure - arrival).days, 0)


def season_label(day=None):
    """The winter season a day belongs to, e.g. 2021-12-20 -> '2021/2022'.
    Anything from June on counts as the next season (pre-sales start in June)."""
    day = day or datetime.date.today()
    start = day.year if day.month >= 6 else day.year - 1
    return '%d/%d' % (start, start + 1)


def local_now():
    return datetime.datetime.now(resort_timezone())


def local_today():
    return local_now().date()


def format_date(value, fmt='%b %d, %Y'):
    if value is None:
        return ''
    return value.strftime(fmt)
