"""Queries for the back-office dashboards. Read-only, runs on the replica."""
from shop import db

DAILY_SALES_UPSERT = """
    INSERT INTO daily_sales (day, orders, revenue, refunds, avg_basket)
    SELECT d.day, d.orders, d.revenue, COALESCE(r.refunds, 0), d.revenue / NULLIF(d.orders, 0)
      FROM (SELECT created_at::date AS day, COUNT(*) AS orders, SUM(total) AS revenue
              FROM orders WHERE created_at::date = %(day)s AND status <> 'cancelled'
             GROUP BY 1) d
      LEFT JOIN (SELECT rf.created_at::date AS day, SUM(rf.amount) AS refunds
                   FROM refunds rf WHERE rf.created_at::date = %(day)s GROUP BY 1) r
             ON r.day = d.day
    ON CONFLICT (day) DO UPDATE
       SET orders = EXCLUDED.orders, revenue = EXCLUDED.revenue,
           refunds = EXCLUDED.refunds, avg_basket = EXCLUDED.avg_basket
"""


class ReportRepository(object):
    def rebuild_day(self, day):
        db.execute(DAILY_SALES_UPSERT, {"day": day})

    def daily(self, start, end):
        return db.query("SELECT * FROM daily_sales WHERE day BETWEEN %s AND %s ORDER BY day",
                        (start, end))

    def revenue_by_category(self, start, end):
        return db.query(
            "SELECT c.name, SUM(oi.quantity * oi.unit_price) AS revenue "
            "FROM order_items oi JOIN orders o ON o.id = oi.order_id "
            "JOIN product_categories pc ON pc.product_id = oi.product_id "
            "JOIN categories c ON c.id = pc.category_id "
            "WHERE o.created_at BETWEEN %s AND %s AND o.status NOT IN ('cancelled', 'new') "
            "GROUP BY c.name ORDER BY revenue DESC",
            (start, end),
        )

    def summary(self, limit=50):
        return db.query("SELECT * FROM sales_summary ORDER BY month DESC LIMIT %s", (limit,))

    def delivery_times(self):
        return db.query(
            "SELECT c.name AS carrier, AVG(s.delivered_at - s.shipped_at) AS avg_time, COUNT(*) "
            "FROM shipments s JOIN carriers c ON c.id = s.carrier_id "
            "WHERE s.delivered_at IS NOT NULL GROUP BY c.name"
        )

    def record_run(self, name, rows, started_at):
        db.execute(
            "INSERT INTO report_runs (name, row_count, started_at, finished_at) "
            "VALUES (%s, %s, %s, now())",
            (name, rows, started_at),
        )
