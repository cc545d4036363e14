import datetime as dt

from dateutil import parser as _dtparser

UTC = dt.timezone.utc


def utcnow():
    # naive UTC everywhere in the DB. don't ask.
    return dt.datetime.utcnow().replace(microsecond=0)


def today():
    return utcnow().date()


def parse_datetime(value):
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value
    parsed = _dtparser.parse(value)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def parse_date(value):
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    return _dtparser.parse(value).date()


def minutes_between(start, end):
    if start is None or end is None:
        return 0
    return int((end - start).total_seconds() // 60)


def hours_between(start, end):
    return minutes_between(start, end) / 60.0


def add_days(d, days):
    return d + dt.timedelta(days=days)


def add_minutes(d, minutes):
    return d + dt.timedelta(minutes=minutes)


def start_of_month(d=None):
    d = d or today()
    return d.replace(day=1)


def end_of_month(d=None):
    d = d or today()
    nxt = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def is_weekend(d):
    return d.weekday() >= 5


def overlaps(a_start, a_end, b_start, b_end):
    return a_start < b_end and b_start < a_end


def iso(d):
    return d.isoformat() if d else None


def humanize_delta(delta):
    secs = int(delta.total_seconds())
    if secs < 60:
        return "%ds" % secs
    if secs < 3600:
        return "%dm" % (secs // 60)
    if secs < 86400:
        return "%dh %dm" % (secs // 3600, (secs % 3600) // 60)
    return "%dd %dh" % (secs // 86400, (secs % 86400) // 3600)
