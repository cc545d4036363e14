"""Flight number / code helpers. Used all over the place."""
import re

FLIGHT_NO_RE = re.compile(r"^([A-Z0-9]{2})\s*0*(\d{1,4})([A-Z]?)$")


def normalize_flight_number(raw):
    if not raw:
        return raw
    m = FLIGHT_NO_RE.match(raw.strip().upper())
    if not m:
        return raw.strip().upper()
    return "%s%s%s" % (m.group(1), m.group(2), m.group(3))


def airline_prefix(flight_number):
    return normalize_flight_number(flight_number)[:2]


def make_reference(prefix, number, width=6):
    return "%s%0*d" % (prefix, width, number)
