# -*- coding: utf-8 -*-
# Monthly payroll. Exports to Sage Payroll CSV; tax/NI are calculated there,
# "deductions" here are only salary sacrifice + advances. (Sandra, 2010)
import csv
import os
import datetime

import db
import utils
import dates
import config
import commissions


def clock_in(employee_id):
    open_ = db.query_one('SELECT id FROM timesheets WHERE employee_id = %s AND work_date = CURDATE() '
                         'AND clock_out IS NULL', (employee_id,))
    if open_:
        return open_['id']
    return db.execute('INSERT INTO timesheets (employee_id, work_date, clock_in) '
                      'VALUES (%s, CURDATE(), NOW())', (employee_id,))


def clock_out(employee_id):
    row = db.query_one('SELECT id, clock_in FROM timesheets WHERE employee_id = %s '
                       'AND clock_out IS NULL ORDER BY clock_in DESC LIMIT 1', (employee_id,))
    if not row:
        print "clock_out: employee %s was not clocked in" % employee_id
        return None
    now = datetime.datetime.now()
    hours = round((now - row['clock_in']).seconds / 3600.0, 2)
    db.execute('UPDATE timesheets SET clock_out = %s, hours = %s WHERE id = %s',
               (now, hours, row['id']))
    return hours


def hours_for(employee_id, period):
    start, end = dates.period_bounds(period)
    return db.query_value('SELECT COALESCE(SUM(hours), 0) FROM timesheets WHERE employee_id = %s '
                          'AND work_date BETWEEN %s AND %s', (employee_id, start, end), 0)


def calc_payslip(emp, period):
    if emp['hourly_rate']:
        gross = utils.to_decimal(hours_for(emp['id'], period)) * utils.to_decimal(emp['hourly_rate'])
    else:
        gross = utils.to_decimal(emp['base_salary'] or 0) / 12
    comm = utils.to_decimal(commissions.unpaid_total(emp['id'], period))
    deductions = utils.to_decimal(0)   # TODO advances table, never built
    net = gross + comm - deductions
    return {'gross': utils.round_money(gross), 'commission': utils.round_money(comm),
            'deductions': deductions, 'net': utils.round_money(net)}


def run_payroll(period, user_id):
    existing = db.query_one('SELECT id, status FROM payroll_runs WHERE period = %s', (period,))
    if existing and existing['status'] != 'draft':
        raise Exception('Payroll for %s is already %s' % (period, existing['status']))
    if existing:
        run_id = existing['id']
        db.execute('DELETE FROM payslips WHERE payroll_run_id = %s', (run_id,))
        db.execute('UPDATE commission_entries SET payroll_run_id = NULL WHERE payroll_run_id = %s',
                   (run_id,))
    else:
        run_id = db.execute("INSERT INTO payroll_runs (period, status, run_by, run_at) "
                            "VALUES (%s, 'draft', %s, NOW())", (period, user_id))
    emps = db.query('SELECT * FROM employees WHERE active = 1 OR left_on >= %s',
                    (dates.period_bounds(period)[0],))
    for emp in emps:
        slip = calc_payslip(emp, period)
        db.execute('INSERT INTO payslips (payroll_run_id, employee_id, gross, commission, '
                   'deductions, net) VALUES (%s, %s, %s, %s, %s, %s)',
                   (run_id, emp['id'], slip['gross'], slip['commission'], slip['deductions'],
                    slip['net']))
        db.execute('UPDATE commission_entries SET payroll_run_id = %s WHERE employee_id = %s '
                   'AND period <= %s AND payroll_run_id IS NULL', (run_id, emp['id'], period))
    print "payroll %s: %d payslips" % (period, len(emps))
    return run_id


def lock_run(run_id):
    db.execute("UPDATE payroll_runs SET status = 'locked' WHERE id = %s AND status = 'draft'",
               (run_id,))


def export_run(run_id):
    run = db.query_one('SELECT * FROM payroll_runs WHERE id = %s', (run_id,))
    if run['status'] == 'draft':
        raise Exception('Lock the run first')
    rows = db.query('SELECT p.*, e.username, e.first_name, e.last_name FROM payslips p '
                    'JOIN employees e ON e.id = p.employee_id WHERE p.payroll_run_id = %s', (run_id,))
    path = os.path.join(config.get('export_dir'), 'payroll_%s.csv' % run['period'])
    f = open(path, 'wb')
    try:
        w = csv.writer(f)
        w.writerow(['ref', 'surname', 'forename', 'basic', 'commission', 'deductions'])
        for r in rows:
            w.writerow([r['username'], r['last_name'], r['first_name'], r['gross'],
                        r['commission'], r['deductions']])
    finally:
        f.close()
    db.execute("UPDATE payroll_runs SET status = 'exported' WHERE id = %s", (run_id,))
    print "exported", path
    return path


def payslips_for_run(run_id):
    return db.query('SELECT p.*, e.first_name, e.last_name FROM payslips p '
                    'JOIN employees e ON e.id = p.employee_id WHERE p.payroll_run_id = %s '
                    'ORDER BY e.last_name', (run_id,))


def leaver(employee_id, left_on=None):
    db.execute('UPDATE employees SET active = 0, left_on = %s WHERE id = %s',
               (left_on or datetime.date.today(), employee_id))
    db.execute('DELETE FROM timesheets WHERE employee_id = %s AND work_date > %s',
               (employee_id, left_on or datetime.date.today()))
