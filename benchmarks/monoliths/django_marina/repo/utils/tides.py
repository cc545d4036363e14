"""Tide table for the hoist dock. The hoist can only lift within ~2h of HW."""
import csv
import datetime
from collections import namedtuple

from django.conf import settings

TideWindow = namedtuple('TideWindow', 'high_water start end height')

_cache = {}


def load_tide_table(path=None):
    path = str(path or settings.TIDE_TABLE_PATH)
    if path in _cache:
        return _cache[path]
    rows = []
    with open(path) as f:
        for r in csv.DictReader(f):
            hw = datetime.datetime.strptime(r['high_water'], '%Y-%m-%d %H:%M')
            rows.append((hw, float(r['height'])))
    _cache[path] = rows
    return rows


def haul_windows(day, min_height=3.2):
    out = []
    for hw, height in load_tide_table():
        if hw.date() != day or height < min_height:
            continue
        out.append(TideWindow(hw, hw - datetime.timedelta(hours=2), hw + datetime.timedelta(hours=2), height))
    return out


def next_haul_window(after, draft_m):
    min_height = 2.0 + float(draft_m)
    day = after.date()
    for _ in range(30):
        for w in haul_windows(day, min_height):
            if w.start >= after:
                return w
        day += datetime.timedelta(days=1)
    return None
