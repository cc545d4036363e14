"""Numbers for the dashboard and the monthly exports accounting asks for."""
import csv
import datetime
import io
import logging

from shop import db
from shop.repositories.report_repo import ReportRepository
from shop.utils import format_money

log = logging.getLogger(__name__)

repo = ReportRepository()

EXPORT_COLUMNS = ["order_id", "created_at", "email", "status", "total", "paid", "refunded",
                  "carrier", "tracking_number"]

EXPORT_SQL = """
    SELECT o.id AS order_id, o.created_at, u.email, o.status, o.total,
           COALESCE(pay.paid, 0) AS paid, COALESCE(ref.refunded, 0) AS refunded,
           c.name AS carrier, s.tracking_number
      FROM orders o
      JOIN users u ON u.id = o.user_id
      LEFT JOIN (SELECT order_id, SUM(amount) AS paid FROM payments
                  WHERE status = 'captured' GROUP BY order_id) pay ON pay.order_id = o.id
      LEFT JOIN (SELECT p.order_id, SUM(r.amount) AS refunded FROM refunds r
                   JOIN payments p ON p.id = r.payment_id GROUP BY p.order_id) ref
             ON ref.order_id = o.id
      LEFT JOIN shipments s ON s.order_id = o.id
      LEFT JOIN carriers c ON c.id = s.carrier_id
     WHERE o.created_at >= %s AND o.created_at < %s
     ORDER BY o.id
"""


def dashboard_numbers(day):
    row = db.query_one(
        "SELECT COUNT(*) AS orders, COALESCE(SUM(total), 0) AS revenue FROM orders "
        "WHERE created_at::date = %s AND status <> 'cancelled'",
        (day,),
    )
    new_users = db.query_value("SELECT COUNT(*) FROM users WHERE created_at::date = %s", (day,))
    pending_refunds = db.query_value("SELECT COUNT(*) FROM refunds WHERE status = 'requested'")
    to_ship = db.query_value("SELECT COUNT(*) FROM shipments WHERE status = 'pending'")
    return {
        "orders": row["orders"],
        "revenue": format_money(row["revenue"]),
        "new_users": new_users,
        "pending_refunds": pending_refunds,
        "to_ship": to_ship,
    }


def nightly(day=None):
    day = day or datetime.date.today() - datetime.timedelta(days=1)
    started = datetime.datetime.utcnow()
    repo.rebuild_day(day)
    repo.record_run("daily_sales", 1, started)
    log.info("daily_sales rebuilt for %s", day)


def monthly_export(year, month):
    start = datetime.date(year, month, 1)
    end = datetime.date(year + (month == 12), month % 12 + 1, 1)
    rows = db.query(EXPORT_SQL, (start, end))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=EXPORT_COLUMNS, delimiter=";")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: r[k] for k in EXPORT_COLUMNS})
    return buf.getvalue()


def inventory_valuation():
    return db.query(
        "SELECT w.code, SUM(s.quantity * p.price) AS value, SUM(s.quantity) AS units "
        "FROM stock_levels s JOIN warehouses w ON w.id = s.warehouse_id "
        "JOIN products p ON p.id = s.product_id GROUP BY w.code ORDER BY w.code"
    )


def customer_lifetime_value(user_id):
    return db.query_value(
        "SELECT COALESCE(SUM(p.amount), 0) FROM payments p JOIN orders o ON o.id = p.order_id "
        "WHERE o.user_id = %s AND p.status = 'captured'",
        (user_id,), default=0,
    )


def churned_customers(days=365):
    # asked for by marketing in 2019, the page was never built
    return db.query(
        "SELECT u.id, u.email, MAX(o.created_at) AS last_order FROM users u "
        "JOIN orders o ON o.user_id = u.id GROUP BY u.id, u.email "
        "HAVING MAX(o.created_at) < now() - (%s || ' days')::interval",
        (days,),
    )


class CohortTable(object):
    """Monthly signup cohorts vs. first order. Used in the board deck."""

    def __init__(self, months=12):
        self.months = months

    def rows(self):
        return db.query(
            "SELECT date_trunc('month', u.created_at) AS cohort, "
            "date_trunc('month', o.created_at) AS month, COUNT(DISTINCT u.id) AS customers "
            "FROM users u JOIN orders o ON o.user_id = u.id "
            "WHERE u.created_at > now() - (%s || ' months')::interval GROUP BY 1, 2 ORDER BY 1, 2",
            (self.months,),
        )

    def as_matrix(self):
        matrix = {}
        for r in self.rows():
            matrix.setdefault(r["cohort"], {})[r["month"]] = r["customers"]
        return matrix
