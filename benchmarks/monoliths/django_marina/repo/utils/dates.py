import datetime

from django.utils import timezone

SUMMER_START = (4, 1)
SUMMER_END = (9, 30)


def season_for(day=None):
    day = day or timezone.localdate()
    start = datetime.date(day.year, *SUMMER_START)
    end = datetime.date(day.year, *SUMMER_END)
    return 'summer' if start <= day <= end else 'winter'


def financial_year(day=None):
    """Our FY runs April to March."""
    day = day or timezone.localdate()
    if day.month >= 4:
        return day.year
    return day.year - 1


def parse_uk_date(s):
    if not s:
        return None
    for fmt in ('%d/%m/%Y', '%d/%m/%y', '%Y-%m-%d', '%d-%m-%Y'):
        try:
            return datetime.datetime.strptime(s.strip(), fmt).date()
        except ValueError:
            continue
    return None


def nights_between(arrive, depart):
    return max((depart - arrive).days, 0)

