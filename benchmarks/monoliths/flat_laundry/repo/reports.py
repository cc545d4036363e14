"""
reports.py - management reports. Mostly one big SQL each, straight to CSV/PDF.
Monday morning pack = profitability + throughput + rejects + losses.
"""
import datetime
import logging

import db
import util
import dates
import exports
import chemicals

log = logging.getLogger('lhs.reports')


def report_header(title, start=None, end=None):
    s = title
    if start and end:
        s += ' %s - %s' % (util.fmt_date(start), util.fmt_date(end))
    return s


def rows_to_csv(rows, cols):
    return exports.csv_string(cols, [[r.get(c) for c in cols] for r in rows])


# ---------------------------------------------------------------------------
# money
# ---------------------------------------------------------------------------

def customer_profitability(start, end):
    """revenue per customer vs a rough cost: kg washed x (chemical cost/kg + 0.35 labour/energy) + write offs"""
    cpk = chemicals.cost_per_kg(start, end) + 0.35
    rows = db.fetch_all(
        "SELECT c.id, c.account_no, c.name, c.sector, "
        " coalesce((SELECT sum(i.net) FROM invoices i WHERE i.customer_id = c.id AND i.status IN ('issued','paid') "
        "   AND i.issue_date BETWEEN %(s)s AND %(e)s), 0) AS revenue, "
        " coalesce((SELECT sum(col.total_weight_kg) FROM collections col JOIN customer_sites cs ON cs.id = col.site_id "
        "   WHERE cs.customer_id = c.id AND col.collected_at::date BETWEEN %(s)s AND %(e)s), 0) AS kg, "
        " coalesce((SELECT sum(w.cost) FROM write_offs w JOIN customer_sites cs ON cs.id = w.site_id "
        "   WHERE cs.customer_id = c.id AND w.written_off_at::date BETWEEN %(s)s AND %(e)s), 0) AS write_offs "
        "FROM customers c ORDER BY c.name", {'s': start, 'e': end})
    for r in rows:
        r['cost'] = util.round_money(float(r['kg']) * cpk + float(r['write_offs']))
        r['margin'] = util.round_money(float(r['revenue']) - float(r['cost']))
        r['margin_pct'] = util.pct(r['margin'], r['revenue'])
    return rows


def ageing_debtors():
    return db.fetch_all(
        "SELECT c.account_no, c.name, "
        " sum(CASE WHEN current_date - i.due_date <= 0 THEN o.due ELSE 0 END) AS current, "
        " sum(CASE WHEN current_date - i.due_date BETWEEN 1 AND 30 THEN o.due ELSE 0 END) AS d30, "
        " sum(CASE WHEN current_date - i.due_date BETWEEN 31 AND 60 THEN o.due ELSE 0 END) AS d60, "
        " sum(CASE WHEN current_date - i.due_date > 60 THEN o.due ELSE 0 END) AS d90 "
        "FROM invoices i JOIN customers c ON c.id = i.customer_id "
        "JOIN (SELECT i2.id, i2.gross - coalesce(sum(p.amount),0) AS due FROM invoices i2 "
        "      LEFT JOIN payments p ON p.invoice_id = i2.id GROUP BY i2.id, i2.gross) o ON o.id = i.id "
        "WHERE i.status = 'issued' GROUP BY c.account_no, c.name HAVING sum(o.due) > 0 ORDER BY d90 DESC, d60 DESC")


def sector_revenue(year):
    return db.fetch_all(
        "SELECT c.sector, extract(month FROM i.issue_date) AS month, sum(i.net) AS net FROM invoices i "
        "JOIN customers c ON c.id = i.customer_id WHERE extract(year FROM i.issue_date) = %s "
        "AND i.status <> 'void' GROUP BY c.sector, month ORDER BY c.sector, month", (year,))


# ---------------------------------------------------------------------------
# operations
# ---------------------------------------------------------------------------

def plant_throughput(start, end):
    days = db.fetch_all(
        "SELECT wb.started_at::date AS day, count(*) AS batches, sum(wb.weight_kg) AS kg, "
        "sum(CASE WHEN wb.status = 'failed' THEN 1 ELSE 0 END) AS failed FROM wash_batches wb "
        "WHERE wb.started_at::date BETWEEN %s AND %s GROUP BY day ORDER BY day", (start, end))
    downtime = db.fetch_value(
        "SELECT coalesce(sum(downtime_min),0) FROM machine_faults WHERE reported_at::date BETWEEN %s AND %s",
        (start, end), 0)
    hours = dates.working_days_between(start, end + datetime.timedelta(days=1)) * 16
    total_kg = sum(float(d['kg'] or 0) for d in days)
    return {'days': days, 'total_kg': total_kg, 'kg_per_hour': util.safe_div(total_kg, hours),
            'downtime_hours': round(downtime / 60.0, 1)}


def reject_rate_by_customer(start, end):
    """which customers' linen gets rejected most. Follows bag -> collection -> site -> customer."""
    return db.fetch_all(
        "SELECT c.name, count(DISTINCT i.id) AS inspections, sum(i.pieces_checked) AS checked, "
        " sum(i.pieces_rejected) AS rejected, "
        " round(100.0 * sum(i.pieces_rejected) / nullif(sum(i.pieces_checked),0), 2) AS rate "
        "FROM inspections i JOIN wash_batches wb ON wb.id = i.batch_id "
        "JOIN batch_loads bl ON bl.batch_id = wb.id JOIN collection_bags cb ON cb.id = bl.collection_bag_id "
        "JOIN collections col ON col.id = cb.collection_id JOIN customer_sites s ON s.id = col.site_id "
        "JOIN customers c ON c.id = s.customer_id WHERE i.inspected_at::date BETWEEN %s AND %s "
        "GROUP BY c.name ORDER BY rate DESC NULLS LAST", (start, end))


def route_efficiency(start, end):
    return db.fetch_all(
        "SELECT r.code, count(DISTINCT d.id) AS deliveries, "
        " sum(CASE WHEN d.status = 'short' THEN 1 ELSE 0 END) AS short, "
        " sum(dl.qty_delivered * lt.weight_g) / 1000.0 AS kg_out, "
        " (SELECT coalesce(sum(col.total_weight_kg),0) FROM collections col WHERE col.route_id = r.id "
        "   AND col.collected_at::date BETWEEN %(s)s AND %(e)s) AS kg_in "
        "FROM routes r LEFT JOIN deliveries d ON d.route_id = r.id AND d.delivery_date BETWEEN %(s)s AND %(e)s "
        "LEFT JOIN delivery_lines dl ON dl.delivery_id = d.id LEFT JOIN linen_types lt ON lt.id = dl.linen_type_id "
        "WHERE r.active GROUP BY r.id, r.code ORDER BY r.code", {'s': start, 'e': end})


def linen_loss_report(start, end):
    return db.fetch_all(
        "SELECT c.name AS customer, s.name AS site, lt.sku, count(*) AS items, "
        " sum(lt.replacement_cost) AS value, sum(CASE WHEN u.charged THEN 1 ELSE 0 END) AS charged "
        "FROM unreturned_items u JOIN rfid_tags t ON t.id = u.tag_id JOIN linen_types lt ON lt.id = t.linen_type_id "
        "JOIN customer_sites s ON s.id = u.site_id JOIN customers c ON c.id = s.customer_id "
        "WHERE u.flagged_on BETWEEN %s AND %s GROUP BY c.name, s.name, lt.sku ORDER BY value DESC", (start, end))


def stock_turn(start, end):
    return db.fetch_all(
        "SELECT lt.sku, lt.description, "
        " sum(CASE WHEN m.reason = 'delivery' THEN m.qty ELSE 0 END) AS delivered, "
        " sum(CASE WHEN m.reason LIKE 'write_off%%' THEN m.qty ELSE 0 END) AS written_off, "
        " (SELECT coalesce(sum(qty),0) FROM stock_levels sl WHERE sl.linen_type_id = lt.id) AS on_hand "
        "FROM linen_types lt LEFT JOIN stock_movements m ON m.linen_type_id = lt.id "
        " AND m.moved_at::date BETWEEN %s AND %s GROUP BY lt.id, lt.sku, lt.description ORDER BY lt.sku",
        (start, end))


def staff_hours_by_area(start, end):
    return db.fetch_all(
        "SELECT sh.area, s.role, count(DISTINCT s.id) AS people, sum(t.hours) AS hours, "
        " sum(t.overtime_hours) AS overtime, sum(t.hours * s.hourly_rate) AS cost "
        "FROM timesheets t JOIN staff s ON s.id = t.staff_id "
        "LEFT JOIN shift_assignments sa ON sa.staff_id = s.id "
        "LEFT JOIN shifts sh ON sh.id = sa.shift_id AND sh.shift_date = t.work_date "
        "WHERE t.work_date BETWEEN %s AND %s GROUP BY sh.area, s.role ORDER BY sh.area, s.role", (start, end))


def contract_renewals(days=90):
    return db.fetch_all(
        "SELECT ct.contract_no, c.name, c.sector, ct.end_date, ct.billing_basis, "
        " (SELECT count(*) FROM customer_sites s WHERE s.customer_id = c.id AND s.active) AS sites "
        "FROM contracts ct JOIN customers c ON c.id = ct.customer_id WHERE ct.status = 'live' "
        "AND ct.end_date BETWEEN current_date AND current_date + " + str(int(days)) + " ORDER BY ct.end_date")


# ---------------------------------------------------------------------------
# more reports (the 2014 'KPI pack' requests)
# ---------------------------------------------------------------------------

def payments_received(start, end):
    return db.fetch_all(
        "SELECT p.paid_on, p.method, p.reference, p.amount, i.invoice_no, c.account_no, c.name "
        "FROM payments p JOIN invoices i ON i.id = p.invoice_id JOIN customers c ON c.id = i.customer_id "
        "WHERE p.paid_on BETWEEN %s AND %s ORDER BY p.paid_on, c.account_no", (start, end))


def vat_return(start, end):
    """boxes 1 and 6 of the VAT return - output tax and net sales"""
    r = db.fetch_one(
        "SELECT coalesce(sum(vat),0) AS output_vat, coalesce(sum(net),0) AS net_sales FROM invoices "
        "WHERE status IN ('issued','paid') AND issue_date BETWEEN %s AND %s", (start, end))
    cr = db.fetch_value("SELECT coalesce(sum(amount),0) FROM credit_notes WHERE issued_on BETWEEN %s AND %s",
                        (start, end), 0)
    r['credits_gross'] = cr
    return r


def credit_notes_report(start, end):
    return db.fetch_all(
        "SELECT cn.credit_no, cn.issued_on, cn.amount, cn.reason, i.invoice_no, c.name, cp.category "
        "FROM credit_notes cn JOIN invoices i ON i.id = cn.invoice_id JOIN customers c ON c.id = i.customer_id "
        "LEFT JOIN complaints cp ON cp.id = cn.complaint_id WHERE cn.issued_on BETWEEN %s AND %s "
        "ORDER BY cn.issued_on", (start, end))


def new_customers(start, end):
    return db.fetch_all(
        "SELECT c.account_no, c.name, c.sector, c.created_at, ct.contract_no, ct.billing_basis FROM customers c "
        "LEFT JOIN contracts ct ON ct.customer_id = c.id AND ct.status = 'live' "
        "WHERE c.created_at::date BETWEEN %s AND %s ORDER BY c.created_at", (start, end))


def driver_performance(start, end):
    return db.fetch_all(
        "SELECT s.first_name || ' ' || s.last_name AS driver, count(DISTINCT d.id) AS deliveries, "
        " sum(CASE WHEN d.status = 'short' THEN 1 ELSE 0 END) AS short, "
        " count(DISTINCT col.id) AS collections "
        "FROM staff s JOIN routes r ON r.driver_id = s.id "
        "LEFT JOIN deliveries d ON d.route_id = r.id AND d.delivery_date BETWEEN %(s)s AND %(e)s "
        "LEFT JOIN collections col ON col.driver_id = s.id AND col.collected_at::date BETWEEN %(s)s AND %(e)s "
        "WHERE s.role = 'driver' GROUP BY driver ORDER BY driver", {'s': start, 'e': end})


def delivery_punctuality(start, end, cutoff_hour=11):
    return db.fetch_all(
        "SELECT r.code, count(*) AS deliveries, "
        " sum(CASE WHEN extract(hour FROM d.delivered_at) < %s THEN 1 ELSE 0 END) AS before_cutoff "
        "FROM deliveries d JOIN routes r ON r.id = d.route_id WHERE d.delivered_at IS NOT NULL "
        "AND d.delivery_date BETWEEN %s AND %s GROUP BY r.code ORDER BY r.code", (cutoff_hour, start, end))


def machine_oee(start, end):
    """very rough OEE: availability x load factor"""
    rows = db.fetch_all(
        "SELECT m.code, m.capacity_kg, count(wb.id) AS batches, coalesce(sum(wb.weight_kg),0) AS kg, "
        " coalesce((SELECT sum(f.downtime_min) FROM machine_faults f WHERE f.machine_id = m.id "
        "   AND f.reported_at::date BETWEEN %(s)s AND %(e)s), 0) AS down_min "
        "FROM machines m LEFT JOIN wash_batches wb ON wb.machine_id = m.id "
        " AND wb.started_at::date BETWEEN %(s)s AND %(e)s GROUP BY m.id, m.code, m.capacity_kg ORDER BY m.code",
        {'s': start, 'e': end})
    minutes = dates.working_days_between(start, end + datetime.timedelta(days=1)) * 16 * 60
    for r in rows:
        avail = 1 - util.safe_div(r['down_min'], minutes)
        load = util.safe_div(r['kg'], (r['capacity_kg'] or 0) * r['batches']) if r['batches'] else 0
        r['oee'] = round(avail * load * 100, 1)
    return rows


def chemical_cost_report(year, month):
    rows = chemicals.monthly_chemical_cost(year, month)
    total = sum(float(r['cost'] or 0) for r in rows)
    return {'rows': rows, 'total': util.round_money(total)}


def complaints_by_customer(start, end):
    return db.fetch_all(
        "SELECT c.name, cp.category, count(*) AS n, sum(coalesce(cp.credit_requested,0)) AS credit_requested, "
        " sum(CASE WHEN cp.status = 'open' THEN 1 ELSE 0 END) AS still_open "
        "FROM complaints cp JOIN customers c ON c.id = cp.customer_id "
        "WHERE cp.received_at::date BETWEEN %s AND %s GROUP BY c.name, cp.category ORDER BY n DESC", (start, end))


def write_off_report(start, end):
    return db.fetch_all(
        "SELECT w.reason, lt.sku, sum(w.qty) AS qty, sum(w.cost) AS cost FROM write_offs w "
        "JOIN linen_types lt ON lt.id = w.linen_type_id WHERE w.written_off_at::date BETWEEN %s AND %s "
        "GROUP BY w.reason, lt.sku ORDER BY cost DESC", (start, end))


def par_coverage_report():
    return db.fetch_all(
        "SELECT s.name AS site, lt.sku, p.par_qty, coalesce(sl.qty,0) AS on_site, "
        " round(100.0 * coalesce(sl.qty,0) / nullif(p.par_qty,0), 0) AS cover_pct "
        "FROM par_levels p JOIN customer_sites s ON s.id = p.site_id JOIN linen_types lt ON lt.id = p.linen_type_id "
        "LEFT JOIN stock_levels sl ON sl.site_id = p.site_id AND sl.linen_type_id = p.linen_type_id "
        " AND sl.location = 'site' WHERE p.par_qty > 0 AND s.active ORDER BY cover_pct NULLS FIRST")


def rfid_coverage():
    """% of each RFID customer's linen that is tagged"""
    return db.fetch_all(
        "SELECT s.name AS site, count(t.id) AS tagged, "
        " (SELECT coalesce(sum(qty),0) FROM stock_levels sl WHERE sl.site_id = s.id AND sl.location = 'site') AS stock "
        "FROM customer_sites s JOIN rfid_tags t ON t.site_id = s.id AND t.status = 'active' "
        "GROUP BY s.id, s.name ORDER BY s.name")


def tag_lifecycle_report():
    return db.fetch_all(
        "SELECT b.supplier, b.ordered_on, b.qty, "
        " sum(CASE WHEN t.status = 'active' THEN 1 ELSE 0 END) AS active, "
        " sum(CASE WHEN t.status = 'lost' THEN 1 ELSE 0 END) AS lost, "
        " sum(CASE WHEN t.status = 'retired' THEN 1 ELSE 0 END) AS retired, avg(t.wash_count) AS avg_washes "
        "FROM rfid_tag_batches b LEFT JOIN rfid_tags t ON t.tag_batch_id = b.id "
        "GROUP BY b.id, b.supplier, b.ordered_on, b.qty ORDER BY b.ordered_on")


def training_matrix():
    return db.fetch_all(
        "SELECT s.last_name, s.first_name, s.role, t.course, t.expires_on, "
        " CASE WHEN t.expires_on < current_date THEN 'EXPIRED' ELSE 'ok' END AS state "
        "FROM staff s LEFT JOIN training_records t ON t.staff_id = s.id WHERE s.active "
        "ORDER BY s.last_name, s.first_name, t.course")


def render_report_pdf(title, rows, cols, widths=None):
    import pdfgen
    return pdfgen.render_table_pdf(title, cols, [[r.get(c) for c in cols] for r in rows], widths)


REPORTS = {
    'profitability': customer_profitability,
    'throughput': plant_throughput,
    'rejects_by_customer': reject_rate_by_customer,
    'routes': route_efficiency,
    'losses': linen_loss_report,
    'stock_turn': stock_turn,
    'staff_hours': staff_hours_by_area,
    'payments': payments_received,
    'credits': credit_notes_report,
    'drivers': driver_performance,
    'punctuality': delivery_punctuality,
    'oee': machine_oee,
    'complaints': complaints_by_customer,
    'write_offs': write_off_report,
    'new_customers': new_customers,
}


def run_report(name, start, end, fmt='csv'):
    rows = REPORTS[name](start, end)
    if isinstance(rows, dict):
        rows = rows.get('rows') or rows.get('days') or []
    if not rows:
        return ''
    cols = list(rows[0].keys())
    if fmt == 'pdf':
        return render_report_pdf(report_header(name, start, end), rows, cols)
    return rows_to_csv(rows, cols)
