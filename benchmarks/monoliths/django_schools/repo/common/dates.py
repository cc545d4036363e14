# -*- coding: utf-8 -*-
"""Date helpers shared by everything that thinks in school years and school days."""
import datetime
import os

from django.conf import settings
from django.utils import timezone

_HOLIDAYS = None

DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%d.%m.%Y")


def today():
    return timezone.localdate()


def school_year_for(day=None):
    """2023-24 is school year 2023. August starts a new one."""
    day = day or today()
    if day.month >= settings.SCHOOL_YEAR_START_MONTH:
        return day.year
    return day.year - 1


def school_year_label(year):
    return "%d-%02d" % (year, (year + 1) % 100)


def school_year_bounds(year):
    start = datetime.date(year, settings.SCHOOL_YEAR_START_MONTH, 1)
    end = datetime.date(year + 1, settings.SCHOOL_YEAR_START_MONTH, 1) - datetime.timedelta(days=1)
    return start, end


def district_holidays():
    """Holidays come from a flat file the district office edits each summer."""
    global _HOLIDAYS
    if _HOLIDAYS is None:
        path = getattr(settings, "DISTRICT_HOLIDAYS_FILE", None)
        lines = open(path).read().splitlines() if path and os.path.exists(path) else []
        _HOLIDAYS = set(parse_date(l.split("#")[0]) for l in lines if l.split("#")[0].strip())
    return _HOLIDAYS


def is_school_day(day):
    return day.weekday() < 5 and day not in district_holidays()


def school_days_between(start, end):
    """Inclusive list of school days."""
    days = []
    current = start
    while current <= end:
        if is_school_day(current):
            days.append(current)
        current += datetime.timedelta(days=1)
    return days


def parse_date(value):
    if isinstance(value, datetime.date):
        return value
    value = (value or "").strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError("Unrecognised date: %r" % value)
