"""Management reports. Raw SQL because the ORM versions were too slow on
the sales table (10M+ rows by 2021). Postgres only.
"""
import datetime
import logging

from bakery.db import db
from bakery.helpers.decorators import timed

log = logging.getLogger(__name__)

REPORTS = {}


def report(name):
    def decorator(fn):
        REPORTS[name] = fn
        return fn
    return decorator


def _rows(sql, params=()):
    cursor = db.execute_sql(sql, params)
    cols = [c[0] for c in cursor.description]
    return [dict(zip(cols, r)) for r in cursor.fetchall()]


def run_report(name, **kwargs):
    fn = REPORTS.get(name)
    if fn is None:
        raise KeyError("unknown report %s" % name)
    return fn(**kwargs)


@report("weekly_sales")
@timed
def weekly_sales_by_shop(start, end):
    return _rows(
        """
        SELECT sh.name AS shop, date_trunc('week', s.sold_at)::date AS week,
               COUNT(s.id) AS transactions, SUM(s.total) AS takings,
               SUM(s.vat) AS vat, AVG(s.total) AS avg_basket
        FROM sales s
        JOIN shops sh ON sh.id = s.shop_id
        WHERE s.voided = false AND s.sold_at >= %s AND s.sold_at < %s
        GROUP BY sh.name, week
        ORDER BY week, sh.name
        """, (start, end + datetime.timedelta(days=1)))


@report("product_sales")
def product_sales(start, end, shop_id=None):
    sql = """
        SELECT p.sku, p.name, p.category, SUM(sl.quantity) AS qty,
               SUM(sl.line_total) AS revenue,
               SUM(CASE WHEN sl.markdown THEN sl.quantity ELSE 0 END) AS markdown_qty
        FROM sale_lines sl
        JOIN sales s ON s.id = sl.sale_id
        JOIN products p ON p.id = sl.product_id
        WHERE s.voided = false AND s.sold_at >= %s AND s.sold_at < %s
    """
    params = [start, end + datetime.timedelta(days=1)]
    if shop_id:
        sql += " AND s.shop_id = %s"
        params.append(shop_id)
    sql += " GROUP BY p.sku, p.name, p.category ORDER BY revenue DESC"
    return _rows(sql, params)


@report("gross_margin")
@timed
def gross_margin_report(start, end):
    """Revenue vs ingredient cost per product. Uses current recipe and the
    latest supplier price per ingredient - so historical margins move when
    flour goes up. Finance know."""
    return _rows(
        """
        WITH latest_price AS (
            SELECT DISTINCT ON (sp.ingredient_id) sp.ingredient_id,
                   sp.pack_price / NULLIF(sp.pack_size, 0) AS unit_cost
            FROM supplier_prices sp
            ORDER BY sp.ingredient_id, sp.valid_from DESC
        ), unit_cost AS (
            SELECT r.product_id,
                   SUM(rl.quantity * COALESCE(lp.unit_cost, i.cost_per_unit)) / MAX(r.yield_qty) AS cost
            FROM recipe r
            JOIN recipe_lines rl ON rl.recipe_id = r.id
            JOIN ingredient i ON i.id = rl.ingredient_id
            LEFT JOIN latest_price lp ON lp.ingredient_id = rl.ingredient_id
            WHERE r.is_current = true
            GROUP BY r.product_id
        )
        SELECT p.sku, p.name, SUM(sl.quantity) AS qty, SUM(sl.line_total) AS revenue,
               SUM(sl.quantity) * MAX(uc.cost) AS ingredient_cost,
               SUM(sl.line_total) - SUM(sl.quantity) * MAX(uc.cost) AS margin
        FROM sale_lines sl
        JOIN sales s ON s.id = sl.sale_id
        JOIN products p ON p.id = sl.product_id
        LEFT JOIN unit_cost uc ON uc.product_id = p.id
        WHERE s.voided = false AND s.sold_at >= %s AND s.sold_at < %s
        GROUP BY p.sku, p.name
        ORDER BY margin DESC NULLS LAST
        """, (start, end + datetime.timedelta(days=1)))


@report("waste_vs_sales")
def waste_vs_sales(start, end):
    return _rows(
        """
        SELECT sh.name AS shop, p.name AS product,
               COALESCE(w.qty, 0) AS wasted, COALESCE(sold.qty, 0) AS sold,
               COALESCE(w.cost, 0) AS waste_cost,
               CASE WHEN COALESCE(sold.qty, 0) + COALESCE(w.qty, 0) = 0 THEN 0
                    ELSE ROUND(100.0 * COALESCE(w.qty, 0) / (COALESCE(sold.qty, 0) + COALESCE(w.qty, 0)), 1)
               END AS waste_pct
        FROM (SELECT shop_id, product_id, SUM(quantity) AS qty, SUM(cost_value) AS cost
              FROM waste_records WHERE waste_date BETWEEN %s AND %s
              GROUP BY shop_id, product_id) w
        FULL OUTER JOIN (
              SELECT s.shop_id, sl.product_id, SUM(sl.quantity) AS qty
              FROM sale_lines sl JOIN sales s ON s.id = sl.sale_id
              WHERE s.voided = false AND s.sold_at::date BETWEEN %s AND %s
              GROUP BY s.shop_id, sl.product_id) sold
          ON sold.shop_id = w.shop_id AND sold.product_id = w.product_id
        JOIN shops sh ON sh.id = COALESCE(w.shop_id, sold.shop_id)
        JOIN products p ON p.id = COALESCE(w.product_id, sold.product_id)
        ORDER BY waste_pct DESC
        """, (start, end, start, end))


@report("donations")
def donations_summary(start, end):
    return _rows(
        """
        SELECT d.charity, sh.name AS shop, COUNT(*) AS collections,
               SUM(d.items) AS items, SUM(d.est_value) AS est_value
        FROM surplus_donations d JOIN shops sh ON sh.id = d.shop_id
        WHERE d.donation_date BETWEEN %s AND %s
        GROUP BY d.charity, sh.name ORDER BY est_value DESC
        """, (start, end))


@report("labour_vs_takings")
def labour_vs_takings(start, end):
    """Wage % of takings per shop per week. Uses the shift's shop if there is
    one, otherwise the employee's home shop."""
    return _rows(
        """
        WITH labour AS (
            SELECT COALESCE(sh.shop_id, e.home_shop_id) AS shop_id,
                   date_trunc('week', t.clock_in)::date AS week,
                   SUM((EXTRACT(EPOCH FROM (t.clock_out - t.clock_in)) / 3600.0
                        - t.break_minutes / 60.0) * e.hourly_rate) AS wages
            FROM timesheet_entries t
            JOIN employee e ON e.id = t.employee_id
            LEFT JOIN shifts sh ON sh.id = t.shift_id
            WHERE t.clock_out IS NOT NULL AND t.clock_in >= %s AND t.clock_in < %s
            GROUP BY 1, 2
        ), takings AS (
            SELECT shop_id, date_trunc('week', sold_at)::date AS week, SUM(total) AS takings
            FROM sales WHERE voided = false AND sold_at >= %s AND sold_at < %s
            GROUP BY 1, 2
        )
        SELECT shp.name AS shop, l.week, l.wages, t.takings,
               ROUND(100.0 * l.wages / NULLIF(t.takings, 0), 1) AS wage_pct
        FROM labour l
        LEFT JOIN takings t ON t.shop_id = l.shop_id AND t.week = l.week
        JOIN shops shp ON shp.id = l.shop_id
        ORDER BY l.week, shp.name
        """, (start, end + datetime.timedelta(days=1), start, end + datetime.timedelta(days=1)))


@report("supplier_spend")
def supplier_spend(start, end):
    return _rows(
        """
        SELECT su.name AS supplier, COUNT(DISTINCT po.id) AS orders,
               SUM(pol.packs * pol.pack_price) AS ordered_value,
               SUM(pol.received_packs * pol.pack_price) AS received_value
        FROM purchase_orders po
        JOIN supplier su ON su.id = po.supplier_id
        JOIN purchase_order_lines pol ON pol.order_id = po.id
        WHERE po.order_date BETWEEN %s AND %s AND po.status <> 'cancelled'
        GROUP BY su.name ORDER BY ordered_value DESC
        """, (start, end))


@report("stock_variance")
def stock_variance(start, end, location_id):
    return _rows(
        """
        SELECT i.name, i.unit,
               SUM(CASE WHEN m.reason = 'receipt' THEN m.change ELSE 0 END) AS received,
               SUM(CASE WHEN m.reason = 'bake' THEN -m.change ELSE 0 END) AS used,
               SUM(CASE WHEN m.reason = 'count' THEN m.change ELSE 0 END) AS count_adjust,
               SUM(CASE WHEN m.reason = 'waste' THEN -m.change ELSE 0 END) AS wasted
        FROM stockmovement m
        JOIN ingredient i ON i.id = m.ingredient_id
        WHERE m.location_id = %s AND m.moved_at >= %s AND m.moved_at < %s
        GROUP BY i.name, i.unit
        ORDER BY ABS(SUM(CASE WHEN m.reason = 'count' THEN m.change ELSE 0 END)) DESC
        """, (location_id, start, end + datetime.timedelta(days=1)))


@report("delivery_performance")
def delivery_performance(start, end):
    return _rows(
        """
        SELECT r.name AS run, COUNT(d.id) AS drops,
               SUM(CASE WHEN d.delivered_at IS NOT NULL THEN 1 ELSE 0 END) AS delivered,
               SUM(CASE WHEN d.problem IS NOT NULL AND d.problem <> '' THEN 1 ELSE 0 END) AS problems,
               AVG(r.mileage) AS avg_mileage,
               SUM(CASE WHEN wol.delivered_qty < wol.quantity THEN 1 ELSE 0 END) AS short_lines
        FROM delivery_runs r
        JOIN delivery_drops d ON d.run_id = r.id
        JOIN wholesale_orders wo ON wo.id = d.order_id
        JOIN wholesale_order_lines wol ON wol.order_id = wo.id
        WHERE r.run_date BETWEEN %s AND %s
        GROUP BY r.name ORDER BY r.name
        """, (start, end))


@report("aged_debt")
def aged_debt(as_of=None):
    as_of = as_of or datetime.date.today()
    return _rows(
        """
        SELECT c.name AS customer, c.account_code,
               SUM(CASE WHEN %s - i.due_date <= 0 THEN i.gross ELSE 0 END) AS current,
               SUM(CASE WHEN %s - i.due_date BETWEEN 1 AND 30 THEN i.gross ELSE 0 END) AS d30,
               SUM(CASE WHEN %s - i.due_date BETWEEN 31 AND 60 THEN i.gross ELSE 0 END) AS d60,
               SUM(CASE WHEN %s - i.due_date > 60 THEN i.gross ELSE 0 END) AS d60_plus
        FROM wholesale_invoices i JOIN wholesale_customers c ON c.id = i.customer_id
        WHERE i.paid = false
        GROUP BY c.name, c.account_code ORDER BY c.name
        """, (as_of, as_of, as_of, as_of))


@report("haccp_compliance")
def haccp_compliance(start, end):
    return _rows(
        """
        SELECT sh.name AS shop,
               (SELECT COUNT(*) FROM haccp_readings r JOIN haccp_equipment e ON e.id = r.equipment_id
                 WHERE e.shop_id = sh.id AND r.taken_at::date BETWEEN %s AND %s) AS readings,
               (SELECT COUNT(*) FROM haccp_readings r JOIN haccp_equipment e ON e.id = r.equipment_id
                 WHERE e.shop_id = sh.id AND r.out_of_range AND r.taken_at::date BETWEEN %s AND %s) AS out_of_range,
               (SELECT COUNT(*) FROM cleaning_checks c JOIN cleaning_schedules cs ON cs.id = c.schedule_id
                 WHERE cs.shop_id = sh.id AND c.check_date BETWEEN %s AND %s) AS cleaning_checks,
               (SELECT COUNT(*) FROM haccp_incidents i
                 WHERE i.shop_id = sh.id AND i.occurred_at::date BETWEEN %s AND %s) AS incidents
        FROM shops sh WHERE sh.active = true ORDER BY sh.name
        """, (start, end) * 4)


@report("loyalty_uptake")
def loyalty_uptake(start, end):
    return _rows(
        """
        SELECT date_trunc('month', pl.occurred_at)::date AS month,
               COUNT(DISTINCT pl.member_id) AS active_members,
               SUM(CASE WHEN pl.kind = 'earn' THEN pl.points ELSE 0 END) AS earned,
               -SUM(CASE WHEN pl.kind = 'redeem' THEN pl.points ELSE 0 END) AS redeemed,
               (SELECT COUNT(*) FROM loyalty_members m
                 WHERE date_trunc('month', m.joined_on) = date_trunc('month', pl.occurred_at)) AS new_members
        FROM points_ledger pl
        WHERE pl.occurred_at >= %s AND pl.occurred_at < %s
        GROUP BY 1 ORDER BY 1
        """, (start, end + datetime.timedelta(days=1)))
