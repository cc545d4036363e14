# -*- coding: utf-8 -*-
"""Management reports. Each takes a period 'YYYY-MM' and returns a list of
dict rows (so the report page can table or CSV them)."""
import io
import csv

from dealer import db, utils, dates


def to_csv(rows):
    buf = io.StringIO()
    if not rows:
        return ''
    w = csv.DictWriter(buf, fieldnames=list(rows[0].keys()))
    w.writeheader()
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


def _bounds(period):
    start, end = dates.period_bounds(period)
    return dates.start_of_day(start), dates.end_of_day(end)


def stock_ageing(period=None):
    rows = db.query("SELECT stock_no, make, model, arrived_on, retail_price, purchase_price, "
                    "DATEDIFF(CURDATE(), arrived_on) AS days FROM vehicles "
                    "WHERE status IN ('in_stock', 'reserved', 'recon') AND owner_customer_id IS NULL "
                    "ORDER BY arrived_on")
    for r in rows:
        d = r['days'] or 0
        r['band'] = '0-30' if d <= 30 else '31-60' if d <= 60 else '61-90' if d <= 90 else '90+'
    return rows


def stock_turn(period):
    start, end = _bounds(period)
    sold = db.query_value("SELECT COUNT(*) FROM vehicles WHERE sold_on BETWEEN %s AND %s "
                          "AND owner_customer_id IS NULL", (start, end), 0)
    avg_days = db.query_value("SELECT AVG(DATEDIFF(sold_on, arrived_on)) FROM vehicles "
                              "WHERE sold_on BETWEEN %s AND %s AND owner_customer_id IS NULL",
                              (start, end), 0)
    on_hand = db.query_value("SELECT COUNT(*) FROM vehicles WHERE status IN ('in_stock', 'reserved', "
                             "'recon') AND owner_customer_id IS NULL", default=0)
    return [{'period': period, 'sold': sold, 'avg_days_to_sell': avg_days, 'on_hand': on_hand}]


def gross_profit(period):
    """Per-deal gross, the GM's favourite. Recon costs come from vehicle_costs,
    px over-allowance from trade_ins/appraisals."""
    start, end = _bounds(period)
    return db.query("SELECT d.deal_no, e.username AS salesperson, v.stock_no, v.make, v.model, "
                    "d.sale_price, v.purchase_price, "
                    "(SELECT COALESCE(SUM(amount), 0) FROM vehicle_costs vc WHERE vc.vehicle_id = v.id) AS recon, "
                    "COALESCE(t.allowance - a.book_value, 0) AS over_allowance, "
                    "d.front_gross, d.back_gross, d.front_gross + d.back_gross AS total_gross "
                    "FROM deals d JOIN vehicles v ON v.id = d.vehicle_id "
                    "LEFT JOIN employees e ON e.id = d.salesperson_id "
                    "LEFT JOIN trade_ins t ON t.id = d.trade_in_id "
                    "LEFT JOIN appraisals a ON a.id = t.appraisal_id "
                    "WHERE d.status = 'delivered' AND d.delivered_at BETWEEN %s AND %s "
                    "ORDER BY d.delivered_at", (start, end))


def fi_penetration(period):
    start, end = _bounds(period)
    row = db.query_one(
        "SELECT COUNT(*) AS deals, "
        "SUM(f.id IS NOT NULL AND f.status IN ('approved', 'paid_out')) AS financed, "
        "SUM(EXISTS(SELECT 1 FROM insurance_policies p WHERE p.deal_id = d.id AND p.product = 'gap' "
        "  AND p.cancelled = 0)) AS gap, "
        "SUM(EXISTS(SELECT 1 FROM warranty_contracts w WHERE w.deal_id = d.id "
        "  AND w.status = 'active')) AS warranty, "
        "AVG(d.back_gross) AS avg_back "
        "FROM deals d LEFT JOIN finance_applications f ON f.id = d.finance_app_id "
        "WHERE d.status = 'delivered' AND d.delivered_at BETWEEN %s AND %s", (start, end))
    n = row['deals'] or 0
    out = {'period': period, 'deals': n, 'avg_back_gross': row['avg_back']}
    for k in ('financed', 'gap', 'warranty'):
        out[k + '_pct'] = round(100.0 * float(row[k] or 0) / n, 1) if n else 0
    by_lender = db.query("SELECT l.name, COUNT(*) AS n, SUM(f.amount) AS advanced FROM finance_applications f "
                         "JOIN lenders l ON l.id = f.lender_id WHERE f.status = 'paid_out' "
                         "AND f.submitted_at BETWEEN %s AND %s GROUP BY l.id", (start, end))
    rows = [out]
    for l in by_lender:
        rows.append({'period': period, 'lender': l['name'], 'deals': l['n'], 'advanced': l['advanced']})
    return rows


def workshop_efficiency(period):
    start, end = _bounds(period)
    return db.query("SELECT e.first_name, e.last_name, t.grade, SUM(l.sold_hours) AS sold, "
                    "SUM(l.actual_hours) AS clocked, "
                    "ROUND(SUM(l.sold_hours) / NULLIF(SUM(l.actual_hours), 0) * 100, 1) AS efficiency, "
                    "(SELECT SUM(ts.hours) FROM timesheets ts WHERE ts.employee_id = e.id "
                    "  AND ts.work_date BETWEEN %s AND %s) AS attended "
                    "FROM ro_labour l JOIN technicians t ON t.id = l.technician_id "
                    "JOIN employees e ON e.id = t.employee_id "
                    "JOIN repair_orders r ON r.id = l.ro_id "
                    "WHERE r.status = 'invoiced' AND r.closed_at BETWEEN %s AND %s "
                    "GROUP BY t.id ORDER BY efficiency DESC", (start, end, start, end))


def workshop_revenue(period):
    start, end = _bounds(period)
    return db.query("SELECT r.pay_type, COUNT(*) AS ros, "
                    "SUM((SELECT COALESCE(SUM(sold_hours * rate), 0) FROM ro_labour WHERE ro_id = r.id)) AS labour, "
                    "SUM((SELECT COALESCE(SUM(qty * unit_price), 0) FROM ro_parts WHERE ro_id = r.id)) AS parts, "
                    "SUM(r.total) AS total FROM repair_orders r WHERE r.status = 'invoiced' "
                    "AND r.closed_at BETWEEN %s AND %s GROUP BY r.pay_type", (start, end))


def parts_sales(period):
    start, end = _bounds(period)
    counter = db.query_one("SELECT COUNT(*) AS lines, SUM(cs.qty * cs.unit_price) AS revenue, "
                           "SUM(cs.qty * p.cost) AS cost FROM counter_sales cs "
                           "JOIN parts p ON p.id = cs.part_id WHERE cs.sold_at BETWEEN %s AND %s",
                           (start, end))
    workshop = db.query_one("SELECT COUNT(*) AS lines, SUM(rp.qty * rp.unit_price) AS revenue, "
                            "SUM(rp.qty * p.cost) AS cost FROM ro_parts rp "
                            "JOIN parts p ON p.id = rp.part_id JOIN repair_orders r ON r.id = rp.ro_id "
                            "WHERE r.status = 'invoiced' AND r.closed_at BETWEEN %s AND %s", (start, end))
    rows = []
    for name, r in (('counter', counter), ('workshop', workshop)):
        rev = r['revenue'] or 0
        cost = r['cost'] or 0
        rows.append({'channel': name, 'lines': r['lines'], 'revenue': rev, 'cost': cost,
                     'margin_pct': round(100.0 * float(rev - cost) / float(rev), 1) if rev else 0})
    return rows


def parts_obsolescence(period=None):
    from dealer import parts
    return parts.slow_movers(365)


def commission_summary(period):
    return db.query("SELECT e.username, e.role, c.kind, SUM(c.amount) AS total, COUNT(*) AS entries "
                    "FROM commission_entries c JOIN employees e ON e.id = c.employee_id "
                    "WHERE c.period = %s GROUP BY e.id, c.kind ORDER BY e.username", (period,))


def tradein_performance(period):
    """What happened to the part-exchanges: allowance vs what we sold them for."""
    start, end = _bounds(period)
    return db.query("SELECT a.reg, a.make, a.model, a.book_value, t.allowance, v.stock_no, "
                    "v.retail_price, d2.sale_price AS resold_for, "
                    "(SELECT COALESCE(SUM(amount), 0) FROM vehicle_costs vc WHERE vc.vehicle_id = v.id) AS recon "
                    "FROM trade_ins t JOIN appraisals a ON a.id = t.appraisal_id "
                    "LEFT JOIN vehicles v ON v.id = t.vehicle_id "
                    "LEFT JOIN deals d2 ON d2.vehicle_id = v.id AND d2.status = 'delivered' "
                    "WHERE t.received_at BETWEEN %s AND %s", (start, end))


def appraisal_conversion(period):
    start, end = _bounds(period)
    return db.query("SELECT e.username AS appraiser, COUNT(*) AS appraisals, "
                    "SUM(a.status = 'accepted') AS accepted, AVG(a.offer - a.book_value) AS avg_vs_book "
                    "FROM appraisals a LEFT JOIN employees e ON e.id = a.appraiser_id "
                    "WHERE a.created_at BETWEEN %s AND %s GROUP BY a.appraiser_id", (start, end))


def lead_conversion(period):
    start, end = _bounds(period)
    return db.query("SELECT l.source, COUNT(DISTINCT l.id) AS leads, "
                    "COUNT(DISTINCT d.id) AS deals, "
                    "ROUND(COUNT(DISTINCT d.id) / COUNT(DISTINCT l.id) * 100, 1) AS conv_pct "
                    "FROM leads l LEFT JOIN deals d ON d.customer_id = l.customer_id "
                    "AND d.status = 'delivered' AND d.delivered_at >= l.created_at "
                    "WHERE l.created_at BETWEEN %s AND %s GROUP BY l.source", (start, end))


def customer_retention(period):
    """Customers who bought a car 1-3 years ago and have/haven't serviced with us since."""
    return db.query("SELECT c.id, c.last_name, c.postcode, MAX(d.delivered_at) AS bought, "
                    "MAX(r.opened_at) AS last_service FROM customers c "
                    "JOIN deals d ON d.customer_id = c.id AND d.status = 'delivered' "
                    "LEFT JOIN repair_orders r ON r.customer_id = c.id "
                    "WHERE d.delivered_at BETWEEN DATE_SUB(CURDATE(), INTERVAL 3 YEAR) "
                    "AND DATE_SUB(CURDATE(), INTERVAL 1 YEAR) GROUP BY c.id "
                    "HAVING last_service IS NULL OR last_service < DATE_SUB(CURDATE(), INTERVAL 1 YEAR)")


REPORTS = {
    'stock_ageing': stock_ageing,
    'stock_turn': stock_turn,
    'gross_profit': gross_profit,
    'fi_penetration': fi_penetration,
    'workshop_efficiency': workshop_efficiency,
    'workshop_revenue': workshop_revenue,
    'parts_sales': parts_sales,
    'parts_obsolescence': parts_obsolescence,
    'commission_summary': commission_summary,
    'tradein_performance': tradein_performance,
    'appraisal_conversion': appraisal_conversion,
    'lead_conversion': lead_conversion,
    'customer_retention': customer_retention,
}
