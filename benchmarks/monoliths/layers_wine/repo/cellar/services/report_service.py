"""Management reports. Most of these are raw SQL because they were written
by the finance contractor straight from his Metabase queries."""
from datetime import date

from sqlalchemy import func

from cellar.db import execute_raw
from cellar.extensions import db
from cellar.models.orders import SalesOrder
from cellar.models.stock import Lot
from cellar.repositories.invoice_repo import aged_debt_rows
from cellar.utils.dates import month_bounds


def sales_by_producer(start, end):
    sql = """
        SELECT p.name AS producer, SUM(l.qty_bottles) AS bottles,
               SUM(l.qty_bottles * l.unit_price * (1 - l.discount_pct / 100)) AS net
        FROM sales_order_lines l
        JOIN sales_orders o ON o.id = l.sales_order_id
        JOIN wines w ON w.id = l.wine_id
        JOIN producers p ON p.id = w.producer_id
        WHERE o.order_date BETWEEN :start AND :end AND o.status <> 'cancelled'
        GROUP BY p.name ORDER BY net DESC
    """
    return execute_raw(sql, start=start, end=end)


def margin_by_wine(start, end):
    sql = """
        SELECT w.sku, w.name, SUM(l.qty_bottles) AS bottles,
               SUM(l.qty_bottles * l.unit_price * (1 - l.discount_pct / 100)) AS revenue,
               SUM(l.qty_bottles * w.landed_cost) AS cost
        FROM sales_order_lines l
        JOIN sales_orders o ON o.id = l.sales_order_id
        JOIN wines w ON w.id = l.wine_id
        WHERE o.order_date BETWEEN :start AND :end AND o.status IN ('delivered', 'invoiced')
        GROUP BY w.sku, w.name
    """
    rows = execute_raw(sql, start=start, end=end)
    for r in rows:
        r["margin_pct"] = round(100 * (r["revenue"] - (r["cost"] or 0)) / r["revenue"], 1) if r["revenue"] else None
    return rows


def stock_valuation(warehouse_id=None):
    q = db.session.query(Lot.wine_id, func.sum(Lot.qty_bottles), func.sum(Lot.qty_bottles * Lot.unit_cost))
    if warehouse_id:
        from cellar.models.stock import Bin
        q = q.join(Bin).filter(Bin.warehouse_id == warehouse_id)
    rows = q.filter(Lot.qty_bottles > 0).group_by(Lot.wine_id).all()
    return [{"wine_id": w, "bottles": b, "value": v} for w, b, v in rows]


def aged_debtors(as_of=None):
    return aged_debt_rows(as_of or date.today())


def rep_performance(year, month):
    start, end = month_bounds(year, month)
    sql = """
        SELECT u.full_name AS rep, COUNT(DISTINCT v.id) AS visits,
               COUNT(DISTINCT o.id) AS orders, COALESCE(SUM(o.net_total), 0) AS net
        FROM users u
        LEFT JOIN sales_visits v ON v.rep_id = u.id AND v.completed_at BETWEEN :start AND :end
        LEFT JOIN customers c ON c.rep_id = u.id
        LEFT JOIN sales_orders o ON o.customer_id = c.id AND o.order_date BETWEEN :start AND :end
        WHERE u.is_sales_rep = true
        GROUP BY u.full_name
    """
    return execute_raw(sql, start=start, end=end)


def duty_summary(year):
    sql = "SELECT period, total_lpa, total_duty, status FROM excise_returns WHERE period LIKE :y ORDER BY period"
    return execute_raw(sql, y="%02d%%" % (year % 100))


def dashboard_figures():
    today = date.today()
    start, end = month_bounds(today.year, today.month)
    mtd = (db.session.query(func.coalesce(func.sum(SalesOrder.net_total), 0))
           .filter(SalesOrder.order_date.between(start, end), SalesOrder.status != "cancelled").scalar())
    open_orders = SalesOrder.query.filter(SalesOrder.status.in_(["confirmed", "allocated"])).count()
    return {"sales_mtd": mtd, "open_orders": open_orders}
