"""
Payroll export for ADP.  Fixed-width file, one line per staff per period.
Format spec: \\fileserver\ops\payroll\ADP_import_spec_v3.pdf
"""
import common
import dt_helpers
import money
from dbconn import query

OT_THRESHOLD = 40


def overtime_hours(weekly_hours):
    return max(float(weekly_hours) - OT_THRESHOLD, 0)


def _row_for(staff, reg, ot):
    return '%-10s%-20s%-20s%07.2f%07.2f%09.2f' % (
        staff['staff_id'], (staff['last_name'] or '')[:20], (staff['first_name'] or '')[:20],
        reg, ot, float(money.round_money(staff['hourly_rate'] or 0)))


def export_timesheets(period_start, period_end, path):
    rows = query("SELECT t.staff_id, s.first_name, s.last_name, s.hourly_rate, "
                 "YEARWEEK(t.clock_in, 1) AS wk, SUM(t.hours) AS hours "
                 "FROM timesheets t JOIN staff s ON s.id = t.staff_id "
                 "WHERE t.clock_in >= %s AND t.clock_in < %s AND t.clock_out IS NOT NULL "
                 "GROUP BY t.staff_id, s.first_name, s.last_name, s.hourly_rate, wk",
                 (period_start, period_end))
    per_staff = {}
    for r in rows:
        st = per_staff.setdefault(r['staff_id'], {'row': r, 'reg': 0.0, 'ot': 0.0})
        ot = overtime_hours(r['hours'] or 0)
        st['reg'] += float(r['hours'] or 0) - ot
        st['ot'] += ot
    with open(path, 'w') as fh:
        for sid, st in sorted(per_staff.items()):
            fh.write(_row_for(st['row'], st['reg'], st['ot']) + '\r\n')
    common.audit('payroll.export', 'payroll', None, start=dt_helpers.fmt_date(period_start),
                 end=dt_helpers.fmt_date(period_end), staff=len(per_staff))
    return len(per_staff)
