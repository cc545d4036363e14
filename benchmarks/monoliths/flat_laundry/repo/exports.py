"""
exports.py - CSV exports for Sage (sales ledger) and the payroll bureau.
"""
import csv
import datetime
import io
import logging
import os

import config
import db
import util

log = logging.getLogger('lhs.exports')


def write_csv(path, headers, rows):
    d = os.path.dirname(path)
    if d and not os.path.isdir(d):
        os.makedirs(d)
    with open(path, 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(headers)
        for r in rows:
            w.writerow(r)
    return path


def csv_string(headers, rows):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(headers)
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


def sage_invoice_export(mark=True):
    """Sage 50 'audit trail' import format: type,account,nominal,dept,date,ref,details,net,tc,vat"""
    rows = db.fetch_all(
        "SELECT i.id, i.invoice_no, i.issue_date, i.net, i.vat, c.account_no, c.name "
        "FROM invoices i JOIN customers c ON c.id = i.customer_id "
        "WHERE i.status IN ('issued','paid') AND NOT i.exported ORDER BY i.id")
    out = []
    for r in rows:
        out.append(('SI', r['account_no'], '4000', '1', r['issue_date'].strftime('%d/%m/%Y'), r['invoice_no'],
                    r['name'][:60], r['net'], 'T1', r['vat']))
    crs = db.fetch_all(
        "SELECT cn.credit_no, cn.issued_on, cn.amount, c.account_no FROM credit_notes cn "
        "JOIN invoices i ON i.id = cn.invoice_id JOIN customers c ON c.id = i.customer_id "
        "WHERE cn.issued_on >= current_date - 7")
    for cr in crs:
        out.append(('SC', cr['account_no'], '4000', '1', cr['issued_on'].strftime('%d/%m/%Y'), cr['credit_no'],
                    'Credit', cr['amount'], 'T1', 0))
    fname = os.path.join(config.SAGE_EXPORT_DIR, 'sales_%s.csv' % util.today().strftime('%Y%m%d'))
    write_csv(fname, ['type', 'account', 'nominal', 'dept', 'date', 'ref', 'details', 'net', 'tc', 'vat'], out)
    if mark and rows:
        ids, args = db.sql_in([r['id'] for r in rows])
        db.run("UPDATE invoices SET exported = true WHERE id IN " + ids, args)
    log.info('sage export: %d invoices, %d credits -> %s', len(rows), len(crs), fname)
    return fname


def sage_customer_export():
    rows = db.fetch_all("SELECT account_no, name, billing_email, vat_no, credit_limit FROM customers ORDER BY account_no")
    return csv_string(['account', 'name', 'email', 'vat', 'credit_limit'],
                      [(r['account_no'], r['name'], r['billing_email'], r['vat_no'], r['credit_limit']) for r in rows])


def payroll_export(week_start, mark=True):
    week_end = week_start + datetime.timedelta(days=6)
    rows = db.fetch_all(
        "SELECT s.payroll_no, s.first_name, s.last_name, s.hourly_rate, sum(t.hours) AS hours, "
        "sum(t.overtime_hours) AS ot FROM timesheets t JOIN staff s ON s.id = t.staff_id "
        "WHERE t.work_date BETWEEN %s AND %s AND t.approved_by IS NOT NULL AND NOT t.exported "
        "GROUP BY s.payroll_no, s.first_name, s.last_name, s.hourly_rate ORDER BY s.payroll_no",
        (week_start, week_end))
    fname = os.path.join(config.PAYROLL_EXPORT_DIR, 'hours_%s.csv' % week_start.strftime('%Y%m%d'))
    write_csv(fname, ['payroll_no', 'name', 'rate', 'basic_hours', 'ot_hours'],
              [(r['payroll_no'], '%s %s' % (r['first_name'], r['last_name']), r['hourly_rate'],
                float(r['hours'] or 0) - float(r['ot'] or 0), r['ot']) for r in rows])
    if mark:
        db.run("UPDATE timesheets SET exported = true WHERE work_date BETWEEN %s AND %s AND approved_by IS NOT NULL",
               (week_start, week_end))
    return fname
