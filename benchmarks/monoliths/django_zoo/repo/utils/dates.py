import datetime

import pytz
from django.utils import timezone

from utils import get_setting

UK_TZ = pytz.timezone("Europe/London")

# Park season boundaries (month, day). Winter hours apply outside these.
SUMMER_START = (3, 25)
SUMMER_END = (10, 28)


def today_local():
    """Today's date in the park's timezone (not UTC!)."""
    return timezone.now().astimezone(UK_TZ).date()


def now_local():
    return timezone.now().astimezone(UK_TZ)


def start_of_week(d=None):
    d = d or today_local()
    return d - datetime.timedelta(days=d.weekday())


def end_of_week(d=None):
    return start_of_week(d) + datetime.timedelta(days=6)


def daterange(start, end, inclusive=True):
    """Yield dates from start to end."""
    days = (end - start).days + (1 if inclusive else 0)
    for n in range(days):
        yield start + datetime.timedelta(days=n)


def parse_date_or_none(value, fmt="%Y-%m-%d"):
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value
    for f in (fmt, "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(value.strip(), f).date()
        except (ValueError, AttributeError):
            continue
    return None


def add_months(d, months):
    """Add calendar months, clamping the day (31 Jan + 1 month = 28/29 Feb)."""
    month = d.month - 1 + months
    year = d.year + month // 12
    month = month % 12 + 1
    day = min(d.day, _days_in_month(year, month))
    return datetime.date(year, month, day)


def _days_in_month(year, month):
    if month == 12:
        nxt = datetime.date(year + 1, 1, 1)
    else:
        nxt = datetime.date(year, month + 1, 1)
    return (nxt - datetime.date(year, month, 1)).days


def season_for(d):
    """'summer' or 'winter' - drives opening hours and some pricing."""
    if (d.month, d.day) >= SUMMER_START and (d.month, d.day) <= SUMMER_END:
        return "summer"
    return "winter"


def is_bank_holiday(d):
    holidays = get_setting("ZOO_BANK_HOLIDAYS", [])
    return d.isoformat() in holidays


def humanize_duration(minutes):
    if minutes is None:
        return "-"
    h, m = divmod(int(minutes), 60)
    if h and m:
        return "%dh %02dm" % (h, m)
    if h:
        return "%dh" % h
    return "%dm" % m


def age_in_years(dob, on=None):
    if not dob:
        return None
    on = on or today_local()
    years = on.year - dob.year
    if (on.month, on.day) < (dob.month, dob.day):
        years -= 1
    return years
