"""
Staff rota.  One rota per site per week; shifts are entered by the duty
manager and published on Thursday for the following week.

Pool cover: NPLQ lifeguards required per pool while the pool is open
(PSOP says 1 per 20 bathers, we use a flat 2 per pool per the risk assessment).
"""
import datetime
import logging

import queries as q
import dateutils
from db import query_all, query_one

log = logging.getLogger('lsbs.rota')

LIFEGUARDS_PER_POOL = 2
MAX_SHIFT_HOURS = 10
MIN_REST_HOURS = 11


class RotaError(Exception):
    pass


def rota_grid(site_id, week_start):
    """{staff_name: [list of shifts per day x7]}"""
    days = dateutils.week_dates(week_start)
    grid = {}
    for s in q.shifts_for_week(site_id, week_start):
        row = grid.setdefault(s['staff_name'], [[] for _ in days])
        row[(s['shift_date'] - week_start).days].append(s)
    return days, grid


def shift_hours(shift):
    a = datetime.datetime.combine(shift['shift_date'], shift['start_time'])
    b = datetime.datetime.combine(shift['shift_date'], shift['end_time'])
    return (b - a).total_seconds() / 3600.0


def check_shift(staff_id, shift_date, start_time, end_time):
    """Raises RotaError if the shift breaks working time rules or clashes."""
    a = datetime.datetime.combine(shift_date, start_time)
    b = datetime.datetime.combine(shift_date, end_time)
    if b <= a:
        raise RotaError('Shift must end after it starts')
    if (b - a).total_seconds() > MAX_SHIFT_HOURS * 3600:
        raise RotaError('Shift longer than %d hours' % MAX_SHIFT_HOURS)
    nearby = q.shifts_for_staff(staff_id, shift_date - datetime.timedelta(days=1),
                                shift_date + datetime.timedelta(days=1))
    for s in nearby:
        sa = datetime.datetime.combine(s['shift_date'], s['start_time'])
        sb = datetime.datetime.combine(s['shift_date'], s['end_time'])
        if dateutils.overlaps(a, b, sa, sb):
            raise RotaError('Clashes with another shift on %s' % dateutils.fmt_date(s['shift_date']))
        gap = min(abs((a - sb).total_seconds()), abs((sa - b).total_seconds())) / 3600.0
        if gap < MIN_REST_HOURS:
            raise RotaError('Less than %d hours rest between shifts' % MIN_REST_HOURS)
    leave = query_one(
        """SELECT id FROM leave_requests WHERE staff_id = %s AND status = 'approved'
           AND from_date <= %s AND to_date >= %s""", (staff_id, shift_date, shift_date))
    if leave:
        raise RotaError('Staff member is on leave')
    return True


def pool_cover_gaps(site_id, day):
    """Hours of the day where lifeguard cover is below the minimum."""
    pools = query_all("SELECT id FROM facilities WHERE site_id = %s AND kind = 'pool'", (site_id,))
    if not pools:
        return []
    site = q.get_site(site_id)
    need = LIFEGUARDS_PER_POOL * len(pools)
    shifts = query_all(
        """SELECT * FROM shifts WHERE site_id = %s AND shift_date = %s AND role = 'lifeguard'""",
        (site_id, day))
    gaps = []
    hour = site['opens_at'].hour
    while hour < site['closes_at'].hour:
        t = datetime.time(hour, 0)
        on = len([s for s in shifts if s['start_time'] <= t < s['end_time']])
        if on < need:
            gaps.append((t, on, need))
        hour += 1
    return gaps


def copy_previous_week(site_id, week_start):
    prev = week_start - datetime.timedelta(days=7)
    new_week_id = q.ensure_rota_week(site_id, week_start)
    n = 0
    for s in q.shifts_for_week(site_id, prev):
        q.insert_shift(s['staff_id'], new_week_id, site_id, s['shift_date'] + datetime.timedelta(days=7),
                       s['start_time'], s['end_time'], s['role'])
        n += 1
    return n


def hours_by_staff(site_id, d1, d2):
    rows = query_all(
        """SELECT s.id, s.name, s.hourly_rate_pence,
                  sum(extract(epoch from (sh.end_time - sh.start_time)) / 3600.0) AS hours
           FROM shifts sh JOIN staff s ON s.id = sh.staff_id
           WHERE sh.site_id = %s AND sh.shift_date BETWEEN %s AND %s
           GROUP BY s.id, s.name, s.hourly_rate_pence ORDER BY s.name""", (site_id, d1, d2))
    return rows


def clock_in(staff_id):
    shift = query_one(
        """SELECT * FROM shifts WHERE staff_id = %s AND shift_date = CURRENT_DATE
           ORDER BY start_time LIMIT 1""", (staff_id,))
    return q.execute_returning(
        'INSERT INTO timesheets (staff_id, shift_id, clock_in) VALUES (%s, %s, now()) RETURNING id',
        (staff_id, shift and shift['id']))


def clock_out(staff_id):
    return q.execute(
        """UPDATE timesheets SET clock_out = now() WHERE staff_id = %s AND clock_out IS NULL""", (staff_id,))
