"""DEPRECATED - old reports from the first version of the back office.

Replaced by bakery/reporting.py in 2021. Nothing should import this any more
but the accountant's spreadsheet macro still hits /reports/legacy/takings,
so old_weekly_takings stays until she retires (her words).
"""
import datetime

from bakery.db import db


def _q(sql, params=()):
    cur = db.execute_sql(sql, params)
    return cur.fetchall()


def old_weekly_takings(week_start):
    week_end = week_start + datetime.timedelta(days=7)
    rows = _q("SELECT shop_id, SUM(total) FROM sales WHERE sold_at >= %s AND sold_at < %s "
              "AND voided = false GROUP BY shop_id", (week_start, week_end))
    names = dict(_q("SELECT id, name FROM shops"))
    return [(names.get(shop_id, "?"), total) for shop_id, total in rows]


def old_flour_usage(start, end):
    # only counted things called "flour" - missed rye, spelt etc.
    return _q("SELECT i.name, -SUM(m.change) FROM stockmovement m JOIN ingredient i ON i.id = m.ingredient_id "
              "WHERE m.reason = 'bake' AND i.name ILIKE %s AND m.moved_at BETWEEN %s AND %s "
              "GROUP BY i.name", ("%flour%", start, end))


def old_driver_hours(start, end):
    return _q("SELECT r.driver_id, r.run_date, COUNT(d.id) FROM delivery_runs r "
              "LEFT JOIN delivery_drops d ON d.run_id = r.id "
              "WHERE r.run_date BETWEEN %s AND %s GROUP BY r.driver_id, r.run_date", (start, end))


def old_staff_list():
    return _q("SELECT id, first_name, last_name, job_title, hourly_rate FROM employee "
              "WHERE leave_date IS NULL ORDER BY last_name")


def old_fridge_log(shop_id, day):
    return _q("SELECT unit_name, reading_c, taken_at, taken_by FROM temp_logs "
              "WHERE shop_id = %s AND taken_at::date = %s ORDER BY taken_at", (shop_id, day))


def old_customer_statement(customer_id):
    # superseded by the aged debt report
    return _q("SELECT number, issue_date, gross, paid FROM wholesale_invoices "
              "WHERE customer_id = %s ORDER BY issue_date", (customer_id,))
