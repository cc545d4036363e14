# -*- coding: utf-8 -*-
# Helpers from the 2011 system. Ported to Python 3 in 2021 "as is".
from __future__ import print_function

import math
import random
from decimal import Decimal

try:
    basestring
except NameError:
    basestring = str

EARTH_RADIUS_MILES = 3958.8


def make_pin(length=5):
    """Lunch PINs: no leading zero (the old keypads dropped it)."""
    first = str(random.randint(1, 9))
    return first + "".join(str(random.randint(0, 9)) for _ in range(length - 1))


def _old_price_for(grade_level, eligibility):
    # pre-2018 price table, before prices moved to settings.LUNCH_PRICES
    if eligibility == "free":
        return Decimal("0.00")
    if eligibility == "reduced":
        return Decimal("0.40")
    if grade_level <= 5:
        return Decimal("2.75")
    return Decimal("3.00")


def haversine_miles(lat1, lng1, lat2, lng2):
    if None in (lat1, lng1, lat2, lng2):
        return None
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(a))


def route_sheet_rows(route, direction="am"):
    """Rows for the printed driver sheet: stop, time, riders."""
    from transport.models import RiderAssignment

    rows = []
    for stop in route.stops.all():
        riders = (RiderAssignment.objects.filter(stop=stop, status="active", direction__in=(direction, "both"))
                  .select_related("student"))
        when = stop.am_time if direction == "am" else stop.pm_time
        rows.append({
            "seq": stop.seq,
            "stop": stop.name,
            "time": when.strftime("%H:%M") if when else "",
            "riders": ["%s %s (%s)" % (r.student.first_name, r.student.last_name[:1], r.student.grade_label)
                       for r in riders],
        })
    return rows


def _old_route_sheet(route):
    # FoxPro-era layout, kept for reference
    sheet = {}
    for stop in route.stops.all():
        sheet[stop.seq] = stop.name
    lines = []
    for seq, name in sorted(sheet.iteritems()):
        lines.append("%3d  %s" % (seq, name))
    return "\n".join(lines)


def parse_scantron_line(line):
    """Old bubble-sheet attendance export: 'SSID,YYYYMMDD,PERIOD,CODE'."""
    if not isinstance(line, basestring):
        line = line.decode("latin-1")
    parts = [p.strip() for p in line.split(",")]
    if len(parts) < 4 or not parts[0].isdigit():
        return None
    ssid, ymd, period, code = parts[:4]
    return {"ssid": ssid, "date": "%s-%s-%s" % (ymd[:4], ymd[4:6], ymd[6:8]),
            "period": period or None, "code": code.upper()}
