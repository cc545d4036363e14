"""staff records, clocking and timesheets, training records"""
import datetime
import logging

import config
import db
import util
import dates

log = logging.getLogger('lhs.staff')

ROLES = ('driver', 'operator', 'supervisor', 'office')


def list_staff(role=None, depot=None, active_only=True):
    sql = "SELECT * FROM staff WHERE 1=1"
    if role:
        sql += " AND role = '%s'" % role
    if depot:
        sql += " AND depot = '%s'" % depot
    if active_only:
        sql += " AND active"
    return db.fetch_all(sql + " ORDER BY last_name, first_name")


def get_staff(staff_id):
    return db.fetch_one("SELECT * FROM staff WHERE id = %s", (staff_id,))


def next_payroll_no():
    n = db.fetch_value("SELECT max(cast(substr(payroll_no, 2) AS integer)) FROM staff WHERE payroll_no LIKE 'P%%'",
                       None, 0) or 0
    return 'P%05d' % (n + 1)


def add_staff(data):
    if data.get('role') not in ROLES:
        raise ValueError('bad role')
    return db.insert(
        "INSERT INTO staff (payroll_no, first_name, last_name, role, depot, phone, email, hourly_rate, start_date) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
        (data.get('payroll_no') or next_payroll_no(), data['first_name'], data['last_name'], data['role'],
         data.get('depot', config.DEFAULT_DEPOT), data.get('phone'), data.get('email'),
         util.to_decimal(data.get('hourly_rate')), util.parse_date(data.get('start_date')) or util.today()))


def update_staff(staff_id, data):
    cols = [c for c in ('first_name', 'last_name', 'role', 'depot', 'phone', 'email', 'hourly_rate') if c in data]
    if cols:
        db.run("UPDATE staff SET " + ", ".join(c + " = %s" for c in cols) + " WHERE id = %s",
               [data[c] for c in cols] + [staff_id])


def leaver(staff_id, leave_date=None):
    leave_date = leave_date or util.today()
    with db.transaction():
        db.run("UPDATE staff SET active = false, leave_date = %s WHERE id = %s", (leave_date, staff_id))
        db.run("DELETE FROM shift_assignments WHERE staff_id = %s AND shift_id IN "
               "(SELECT id FROM shifts WHERE shift_date > %s)", (staff_id, leave_date))
        # drivers: free up their routes so transport notice
        db.run("UPDATE routes SET driver_id = NULL WHERE driver_id = %s", (staff_id,))


# ---------------------------------------------------------------------------
# clocking / timesheets
# ---------------------------------------------------------------------------

def clock_in(staff_id, when=None):
    when = when or util.now()
    open_ts = db.fetch_one("SELECT id FROM timesheets WHERE staff_id = %s AND clock_out IS NULL "
                           "AND work_date = %s", (staff_id, when.date()))
    if open_ts:
        return open_ts['id']
    return db.insert("INSERT INTO timesheets (staff_id, work_date, clock_in) VALUES (%s, %s, %s) RETURNING id",
                     (staff_id, when.date(), when))


def calc_overtime(hours):
    return max(0.0, round(float(hours) - config.OVERTIME_AFTER_HOURS, 2))


def clock_out(staff_id, when=None):
    when = when or util.now()
    ts = db.fetch_one("SELECT * FROM timesheets WHERE staff_id = %s AND clock_out IS NULL "
                      "ORDER BY clock_in DESC LIMIT 1", (staff_id,))
    if not ts:
        return None
    hours = dates.hours_between(ts['clock_in'], when)
    db.run("UPDATE timesheets SET clock_out = %s, hours = %s, overtime_hours = %s WHERE id = %s",
           (when, hours, calc_overtime(hours), ts['id']))
    return hours


def timesheets_for_week(week_start, depot=None):
    sql = ("SELECT t.*, s.first_name, s.last_name, s.payroll_no FROM timesheets t "
           "JOIN staff s ON s.id = t.staff_id WHERE t.work_date BETWEEN %s AND %s")
    args = [week_start, week_start + datetime.timedelta(days=6)]
    if depot:
        sql += " AND s.depot = %s"
        args.append(depot)
    return db.fetch_all(sql + " ORDER BY s.last_name, t.work_date", args)


def approve_timesheet(timesheet_id, user_id):
    db.run("UPDATE timesheets SET approved_by = %s WHERE id = %s", (user_id, timesheet_id))


def missing_clock_outs():
    return db.fetch_all("SELECT t.*, s.first_name, s.last_name FROM timesheets t JOIN staff s ON s.id = t.staff_id "
                        "WHERE t.clock_out IS NULL AND t.work_date < current_date")


# ---------------------------------------------------------------------------
# training
# ---------------------------------------------------------------------------

def add_training(staff_id, course, completed_on, expires_on=None):
    return db.insert("INSERT INTO training_records (staff_id, course, completed_on, expires_on) "
                     "VALUES (%s, %s, %s, %s) RETURNING id", (staff_id, course, completed_on, expires_on))


def training_for(staff_id):
    return db.fetch_all("SELECT * FROM training_records WHERE staff_id = %s ORDER BY completed_on DESC", (staff_id,))


def staff_trained_for(course, on=None):
    on = on or util.today()
    return db.fetch_all(
        "SELECT DISTINCT s.* FROM staff s JOIN training_records t ON t.staff_id = s.id "
        "WHERE s.active AND t.course = %s AND (t.expires_on IS NULL OR t.expires_on >= %s)", (course, on))
