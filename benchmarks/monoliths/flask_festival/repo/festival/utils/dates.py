import datetime

try:
    import pytz
except ImportError:  # pragma: no cover
    pytz = None

HHMM_FORMATS = ("%H:%M", "%H.%M", "%H%M")


def utcnow():
    return datetime.datetime.utcnow()


def parse_hhmm(value):
    """'21:30' -> datetime.time(21, 30). Accepts a couple of formats
    because the production team type times in every way imaginable."""
    if isinstance(value, datetime.time):
        return value
    value = (value or "").strip()
    for fmt in HHMM_FORMATS:
        try:
            return datetime.datetime.strptime(value, fmt).time()
        except ValueError:
            continue
    raise ValueError("Unrecognised time: %r" % value)


def combine(day, hhmm):
    """Combine a date and a time string; times before 06:00 roll to next day
    (a set at 01:00 on 'Friday' is really Saturday morning)."""
    t = parse_hhmm(hhmm)
    dt = datetime.datetime.combine(day, t)
    if t.hour < 6:
        dt += datetime.timedelta(days=1)
    return dt


def intervals_overlap(start_a, end_a, start_b, end_b):
    return start_a < end_b and start_b < end_a


def daterange(start, end):
    current = start
    while current <= end:
        yield current
        current += datetime.timedelta(days=1)


def to_local(dt, tz_name="Europe/London"):
    if dt is None or pytz is None:
        return dt
    if dt.tzinfo is None:
        dt = pytz.utc.localize(dt)
    return dt.astimezone(pytz.timezone(tz_name))


def age_on(dob, on_date):
    if dob is None:
        return None
    years = on_date.year - dob.year
    if (on_date.month, on_date.day) < (dob.month, dob.day):
        years -= 1
    return years


def minutes_between(start, end):
    return int((end - start).total_seconds() // 60)
