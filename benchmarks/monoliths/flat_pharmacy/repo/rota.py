"""
Weekly rota.  Rules (from the ops manual):
 - a pharmacist must be scheduled for every opening hour
 - techs max 40h/week before OT
 - no clopens (close then open next day)
"""
import datetime

import common
import dt_helpers
from constants import ShiftType
from dbconn import query, query_one, query_scalar, execute, insert_and_get_id, transaction

log = common.get_logger('rxbo.rota')

OPEN_HOURS = {  # weekday -> (open, close)
    0: (9, 21), 1: (9, 21), 2: (9, 21), 3: (9, 21), 4: (9, 21), 5: (9, 18), 6: (10, 16),
}
MAX_REG_HOURS = 40


class RotaConflict(Exception):
    pass


def _hours(start, end):
    s = datetime.datetime.combine(datetime.date.today(), start)
    e = datetime.datetime.combine(datetime.date.today(), end)
    return (e - s).seconds / 3600.0


def week_shifts(branch_id, week_start):
    week_end = week_start + datetime.timedelta(days=6)
    return query("SELECT sh.*, s.first_name, s.last_name, s.role FROM shifts sh JOIN staff s ON s.id = sh.staff_id "
                 "WHERE sh.branch_id = %s AND sh.shift_date BETWEEN %s AND %s ORDER BY sh.shift_date, sh.start_time",
                 (branch_id, week_start, week_end))


def assign_shift(branch_id, staff_id, shift_date, start_time, end_time, created_by=None):
    on_leave = query_scalar("SELECT id FROM leave_requests WHERE staff_id = %s AND status = 'APPROVED' "
                            "AND %s BETWEEN start_date AND end_date", (staff_id, shift_date))
    if on_leave:
        raise RotaConflict('staff on approved leave')
    clash = query_scalar("SELECT id FROM shifts WHERE staff_id = %s AND shift_date = %s "
                         "AND start_time < %s AND end_time > %s", (staff_id, shift_date, end_time, start_time))
    if clash:
        raise RotaConflict('overlaps shift %s' % clash)
    week = dt_helpers.start_of_week(shift_date)
    hours = query_scalar("SELECT SUM(TIME_TO_SEC(TIMEDIFF(end_time, start_time))) / 3600 FROM shifts "
                         "WHERE staff_id = %s AND shift_date BETWEEN %s AND %s",
                         (staff_id, week, week + datetime.timedelta(days=6)), default=0)
    shift_type = ShiftType.REGULAR
    if float(hours) + _hours(start_time, end_time) > MAX_REG_HOURS:
        shift_type = ShiftType.OVERTIME
    return insert_and_get_id("INSERT INTO shifts (branch_id, staff_id, shift_date, start_time, end_time, shift_type, "
                             "created_by) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                             (branch_id, staff_id, shift_date, start_time, end_time, shift_type, created_by))


def swap_shifts(shift_a, shift_b, approved_by):
    a = query_one("SELECT * FROM shifts WHERE id = %s", (shift_a,))
    b = query_one("SELECT * FROM shifts WHERE id = %s", (shift_b,))
    with transaction() as cur:
        cur.execute("UPDATE shifts SET staff_id = %s, swapped_from = %s WHERE id = %s", (b['staff_id'], a['staff_id'], a['id']))
        cur.execute("UPDATE shifts SET staff_id = %s, swapped_from = %s WHERE id = %s", (a['staff_id'], b['staff_id'], b['id']))
    common.audit('rota.swap', 'shift', shift_a, other=shift_b, by=approved_by)


def coverage_gaps(branch_id, week_start):
    """hours in the week without a pharmacist scheduled"""
    shifts = [s for s in week_shifts(branch_id, week_start) if s['role'] == 'pharmacist']
    gaps = []
    for d in range(7):
        day = week_start + datetime.timedelta(days=d)
        open_h, close_h = OPEN_HOURS[day.weekday()]
        for h in range(open_h, close_h):
            t = datetime.time(h, 0)
            if not any(s['shift_date'] == day and s['start_time'] <= t < s['end_time'] for s in shifts):
                gaps.append((day, h))
    return gaps


def pharmacist_hours_required(week_start):
    return sum(OPEN_HOURS[(week_start + datetime.timedelta(days=d)).weekday()][1] -
               OPEN_HOURS[(week_start + datetime.timedelta(days=d)).weekday()][0] for d in range(7))


def generate_rota(branch_id, week_start, created_by=None):
    """copy last week's rota forward.  That's what everyone did by hand anyway."""
    prev = week_start - datetime.timedelta(days=7)
    n = 0
    for s in week_shifts(branch_id, prev):
        try:
            assign_shift(branch_id, s['staff_id'], s['shift_date'] + datetime.timedelta(days=7),
                         s['start_time'], s['end_time'], created_by)
            n += 1
        except RotaConflict as e:
            log.info('skip copying shift %s: %s', s['id'], e)
    return n
