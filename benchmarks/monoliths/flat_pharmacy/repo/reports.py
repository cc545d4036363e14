"""
reports.py - management reports.  Each function returns rows (list of dicts);
run_report() writes them to CSV in REPORT_DIR and emails ops if asked.

These hit the live db.  The big ones (kpi dashboard, valuation) should be
run off the replica -- TODO set up the replica connection (RXBO-340).
"""
import datetime
import os

import common
import config
import dt_helpers
import money
import notify
from dbconn import query, query_one, query_scalar

log = common.get_logger('rxbo.reports')


class ReportRunner(object):
    """wraps a report function: runs, writes csv, optionally emails"""

    def __init__(self, name, fn, headers=None):
        self.name = name
        self.fn = fn
        self.headers = headers

    def run(self, email_to=None, **kw):
        with common.Timer('report %s' % self.name):
            rows = self.fn(**kw)
        headers = self.headers or (list(rows[0].keys()) if rows else [])
        path = _report_path(self.name)
        common.write_csv_rows(path, headers, rows)
        if email_to:
            notify.send_email(email_to, 'RxBO report: %s' % self.name,
                              'Report attached at %s (%d rows)' % (path, len(rows)))
        return path


def _report_path(name):
    stamp = datetime.datetime.now().strftime('%Y%m%d_%H%M')
    if not os.path.isdir(config.REPORT_DIR):
        os.makedirs(config.REPORT_DIR)
    return os.path.join(config.REPORT_DIR, '%s_%s.csv' % (name, stamp))


def _month_bounds(month):
    """'2015-03' -> (date(2015,3,1), date(2015,4,1))"""
    y, m = [int(x) for x in month.split('-')]
    start = datetime.date(y, m, 1)
    return start, dt_helpers.add_months(start, 1)


def _fmt_money_fields(rows, *fields):
    """in-place formatting for the csv output (finance wants $1,234.56)"""
    for r in rows:
        for f in fields:
            if r.get(f) is not None:
                r[f] = money.fmt_money(r[f])
    return rows


# ===========================================================================
# dispensing
# ===========================================================================

def daily_dispensing_report(branch_id, date=None):
    date = date or dt_helpers.today()
    return query("SELECT rx.rx_number, pa.last_name, pa.first_name, p.name AS product, p.ndc, de.quantity, "
                 "de.status, de.price, de.copay, CONCAT(f.first_name, ' ', f.last_name) AS filled_by, "
                 "CONCAT(v.first_name, ' ', v.last_name) AS verified_by, c.status AS claim_status "
                 "FROM dispense_events de "
                 "JOIN prescription_items pi ON pi.id = de.prescription_item_id "
                 "JOIN prescriptions rx ON rx.id = pi.prescription_id "
                 "JOIN patients pa ON pa.id = de.patient_id "
                 "JOIN products p ON p.id = de.product_id "
                 "LEFT JOIN staff f ON f.id = de.filled_by "
                 "LEFT JOIN staff v ON v.id = de.verified_by "
                 "LEFT JOIN claims c ON c.dispense_event_id = de.id AND c.status <> 'REVERSED' "
                 "WHERE de.branch_id = %s AND DATE(de.filled_at) = %s ORDER BY de.filled_at",
                 (branch_id, date))


def uncollected_report(branch_id):
    return query("SELECT de.id, pa.last_name, pa.first_name, pa.phone, p.name AS product, de.verified_at, "
                 "DATEDIFF(NOW(), de.verified_at) AS days_waiting, de.bin_location "
                 "FROM dispense_events de JOIN patients pa ON pa.id = de.patient_id "
                 "JOIN products p ON p.id = de.product_id "
                 "WHERE de.branch_id = %s AND de.status = 'READY' ORDER BY de.verified_at", (branch_id,))


def branch_kpi_dashboard(branch_id, month):
    """the monthly numbers the regional managers look at.  Touches everything."""
    start, end = _month_bounds(month)
    out = {'branch': common.get_branch_name(branch_id), 'month': month}
    out['scripts'] = query_scalar("SELECT COUNT(*) FROM dispense_events WHERE branch_id = %s "
                                  "AND status IN ('READY','COLLECTED') AND filled_at >= %s AND filled_at < %s",
                                  (branch_id, start, end), default=0)
    out['new_rx'] = query_scalar("SELECT COUNT(*) FROM prescriptions WHERE branch_id = %s AND received_at >= %s "
                                 "AND received_at < %s", (branch_id, start, end), default=0)
    out['rx_revenue'] = money.round_money(query_scalar(
        "SELECT SUM(COALESCE(c.amount_paid, 0) + COALESCE(de.copay, 0)) FROM dispense_events de "
        "LEFT JOIN claims c ON c.dispense_event_id = de.id AND c.status IN ('PAID','RECONCILED') "
        "WHERE de.branch_id = %s AND de.filled_at >= %s AND de.filled_at < %s", (branch_id, start, end), default=0))
    out['cogs'] = money.round_money(query_scalar(
        "SELECT SUM(-m.qty * p.unit_cost) FROM stock_movements m JOIN products p ON p.id = m.product_id "
        "WHERE m.branch_id = %s AND m.movement_type = 'DISPENSE' AND m.created_at >= %s AND m.created_at < %s",
        (branch_id, start, end), default=0))
    out['rph_hours'] = query_scalar("SELECT SUM(t.hours) FROM timesheets t JOIN staff s ON s.id = t.staff_id "
                                    "WHERE t.branch_id = %s AND s.role = 'pharmacist' AND t.clock_in >= %s "
                                    "AND t.clock_in < %s", (branch_id, start, end), default=0)
    out['scripts_per_rph_hour'] = round(out['scripts'] / float(out['rph_hours']), 2) if out['rph_hours'] else None
    out['reject_rate'] = query_scalar(
        "SELECT AVG(c.status = 'REJECTED') FROM claims c JOIN dispense_events de ON de.id = c.dispense_event_id "
        "WHERE de.branch_id = %s AND c.submitted_at >= %s AND c.submitted_at < %s", (branch_id, start, end))
    out['new_members'] = query_scalar("SELECT COUNT(*) FROM loyalty_members WHERE enrolled_branch_id = %s "
                                      "AND enrolled_at >= %s AND enrolled_at < %s", (branch_id, start, end), default=0)
    out['returned_to_stock'] = query_scalar("SELECT COUNT(*) FROM dispense_events WHERE branch_id = %s "
                                            "AND status = 'RETURNED' AND queued_at >= %s AND queued_at < %s",
                                            (branch_id, start, end), default=0)
    return [out]


def controlled_substance_audit(branch_id, start, end):
    return query("SELECT l.logged_at, p.name, p.ndc, l.dea_schedule, l.direction, l.quantity, l.balance_after, "
                 "l.ref_type, l.ref_id, CONCAT(s.first_name, ' ', s.last_name) AS staff "
                 "FROM controlled_substance_log l JOIN products p ON p.id = l.product_id "
                 "LEFT JOIN staff s ON s.id = l.staff_id "
                 "WHERE l.branch_id = %s AND l.logged_at >= %s AND l.logged_at < %s "
                 "ORDER BY p.name, l.id", (branch_id, start, end))


def pharmacist_check_report(branch_id, start, end):
    return query("SELECT CONCAT(s.first_name, ' ', s.last_name) AS pharmacist, COUNT(*) AS checks, "
                 "SUM(pc.result = 'FAIL') AS fails, SUM(pc.notes LIKE '%%SELF-CHECK%%') AS self_checks "
                 "FROM pharmacist_checks pc JOIN staff s ON s.id = pc.pharmacist_id "
                 "JOIN dispense_events de ON de.id = pc.dispense_event_id "
                 "WHERE de.branch_id = %s AND pc.checked_at >= %s AND pc.checked_at < %s "
                 "GROUP BY s.id ORDER BY checks DESC", (branch_id, start, end))


# ===========================================================================
# stock
# ===========================================================================

def stock_valuation_report(branch_id=None):
    sql = ("SELECT b.code AS branch, p.ndc, p.name, p.strength, sl.on_hand, p.unit_cost, "
           "ROUND(sl.on_hand * p.unit_cost, 2) AS value FROM stock_levels sl "
           "JOIN products p ON p.id = sl.product_id JOIN branches b ON b.id = sl.branch_id WHERE sl.on_hand <> 0")
    if branch_id:
        sql += " AND sl.branch_id = %d" % int(branch_id)
    return query(sql + " ORDER BY b.code, p.name")


def expiry_report(branch_id, days=90):
    return query("SELECT p.ndc, p.name, b.lot_number, b.expiry_date, b.qty_remaining, "
                 "ROUND(b.qty_remaining * p.unit_cost, 2) AS value FROM stock_batches b "
                 "JOIN products p ON p.id = b.product_id WHERE b.branch_id = %s AND b.qty_remaining > 0 "
                 "AND b.expiry_date <= DATE_ADD(CURDATE(), INTERVAL " + str(int(days)) + " DAY) "
                 "ORDER BY b.expiry_date", (branch_id,))


def slow_movers_report(branch_id, days=180):
    return query("SELECT p.ndc, p.name, sl.on_hand, MAX(m.created_at) AS last_movement "
                 "FROM stock_levels sl JOIN products p ON p.id = sl.product_id "
                 "LEFT JOIN stock_movements m ON m.product_id = sl.product_id AND m.branch_id = sl.branch_id "
                 "AND m.movement_type = 'DISPENSE' "
                 "WHERE sl.branch_id = %s AND sl.on_hand > 0 GROUP BY p.id, p.ndc, p.name, sl.on_hand "
                 "HAVING last_movement IS NULL OR last_movement < DATE_SUB(NOW(), INTERVAL %s DAY)",
                 (branch_id, days))


def shrinkage_report(branch_id, start, end):
    return query("SELECT p.name, p.ndc, SUM(m.qty) AS qty, ROUND(SUM(m.qty * p.unit_cost), 2) AS value, "
                 "m.movement_type FROM stock_movements m JOIN products p ON p.id = m.product_id "
                 "WHERE m.branch_id = %s AND m.movement_type IN ('ADJUST','COUNT','WRITEOFF') "
                 "AND m.created_at >= %s AND m.created_at < %s GROUP BY p.id, p.name, p.ndc, m.movement_type",
                 (branch_id, start, end))


# ===========================================================================
# purchasing
# ===========================================================================

def purchase_spend_by_supplier(start, end):
    return query("SELECT s.name AS supplier, COUNT(DISTINCT o.id) AS orders, "
                 "SUM(ol.qty_received * ol.unit_cost) AS received_value "
                 "FROM orders o JOIN suppliers s ON s.id = o.supplier_id "
                 "JOIN order_lines ol ON ol.order_id = o.id "
                 "WHERE o.submitted_at >= %s AND o.submitted_at < %s GROUP BY s.id, s.name "
                 "ORDER BY received_value DESC", (start, end))


def supplier_invoice_aging():
    return query("SELECT s.name AS supplier, si.invoice_number, si.invoice_date, si.amount, si.status, "
                 "DATEDIFF(CURDATE(), si.invoice_date) AS age_days, s.payment_terms_days "
                 "FROM supplier_invoices si JOIN suppliers s ON s.id = si.supplier_id "
                 "WHERE si.status <> 'PAID' ORDER BY age_days DESC")


# ===========================================================================
# third party
# ===========================================================================

def claims_aging_report():
    return query("SELECT i.name AS insurer, c.claim_number, c.status, c.submitted_at, c.amount_billed, "
                 "c.amount_paid, DATEDIFF(NOW(), c.submitted_at) AS age_days, c.reject_codes "
                 "FROM claims c JOIN patient_coverage pc ON pc.id = c.coverage_id "
                 "JOIN insurance_plans ip ON ip.id = pc.plan_id JOIN insurers i ON i.id = ip.insurer_id "
                 "WHERE c.status IN ('PAID','REJECTED','SUBMITTED') AND c.remittance_id IS NULL "
                 "ORDER BY age_days DESC")


def rejection_rate_by_plan(start, end):
    rows = query("SELECT ip.plan_name, i.name AS insurer, COUNT(*) AS claims, "
                 "SUM(c.status = 'REJECTED') AS rejected FROM claims c "
                 "JOIN patient_coverage pc ON pc.id = c.coverage_id "
                 "JOIN insurance_plans ip ON ip.id = pc.plan_id JOIN insurers i ON i.id = ip.insurer_id "
                 "WHERE c.submitted_at >= %s AND c.submitted_at < %s GROUP BY ip.id, ip.plan_name, i.name",
                 (start, end))
    for r in rows:
        r['rate'] = round(float(r['rejected']) / r['claims'] * 100, 1) if r['claims'] else 0
    return sorted(rows, key=lambda r: -r['rate'])


def remittance_summary(month):
    start, end = _month_bounds(month)
    return query("SELECT i.name AS insurer, r.check_number, r.check_date, r.total_amount, "
                 "COUNT(rl.id) AS lines, SUM(rl.matched_claim_id IS NULL) AS unmatched "
                 "FROM remittances r JOIN insurers i ON i.id = r.insurer_id "
                 "LEFT JOIN remittance_lines rl ON rl.remittance_id = r.id "
                 "WHERE r.check_date >= %s AND r.check_date < %s GROUP BY r.id", (start, end))


# ===========================================================================
# rewards
# ===========================================================================

def loyalty_liability_report():
    """outstanding points = liability on the balance sheet (finance asks quarterly)"""
    row = query_one("SELECT COUNT(*) AS members, SUM(points_balance) AS points FROM loyalty_members "
                    "WHERE status = 'ACTIVE'")
    row['liability'] = money.round_money((row['points'] or 0) / 100.0)
    row['by_tier'] = query("SELECT tier, COUNT(*) AS members, SUM(points_balance) AS points "
                           "FROM loyalty_members WHERE status = 'ACTIVE' GROUP BY tier")
    return [row]


def redemption_report(start, end):
    return query("SELECT r.name AS reward, COUNT(*) AS redemptions, SUM(rr.points_spent) AS points "
                 "FROM reward_redemptions rr JOIN rewards r ON r.id = rr.reward_id "
                 "WHERE rr.redeemed_at >= %s AND rr.redeemed_at < %s GROUP BY r.id, r.name", (start, end))


# ===========================================================================
# staff
# ===========================================================================

def staff_hours_report(branch_id, start, end):
    return query("SELECT s.last_name, s.first_name, s.role, SUM(t.hours) AS hours, "
                 "SUM(sh.shift_type = 'OT') AS ot_shifts FROM staff s "
                 "LEFT JOIN timesheets t ON t.staff_id = s.id AND t.clock_in >= %s AND t.clock_in < %s "
                 "LEFT JOIN shifts sh ON sh.staff_id = s.id AND sh.shift_date >= %s AND sh.shift_date < %s "
                 "WHERE s.branch_id = %s AND s.active = 1 GROUP BY s.id ORDER BY s.last_name",
                 (start, end, start, end, branch_id))


# ===========================================================================
# patients / rx
# ===========================================================================

def new_patients_report(start, end):
    return query("SELECT b.code AS branch, COUNT(*) AS new_patients FROM patients p "
                 "LEFT JOIN branches b ON b.id = p.preferred_branch_id "
                 "WHERE p.created_at >= %s AND p.created_at < %s AND p.merged_into_id IS NULL "
                 "GROUP BY b.code", (start, end))


def patient_adherence_report(branch_id, min_fills=3):
    """proportion of days covered (PDC) per patient/drug over 12 months.  The
    insurers' star ratings use this."""
    rows = query("SELECT de.patient_id, de.product_id, pa.last_name, pa.first_name, p.name AS product, "
                 "COUNT(*) AS fills, SUM(pi.days_supply) AS days_supplied, "
                 "DATEDIFF(MAX(de.filled_at), MIN(de.filled_at)) + MAX(pi.days_supply) AS span "
                 "FROM dispense_events de JOIN prescription_items pi ON pi.id = de.prescription_item_id "
                 "JOIN patients pa ON pa.id = de.patient_id JOIN products p ON p.id = de.product_id "
                 "WHERE de.branch_id = %s AND de.status = 'COLLECTED' "
                 "AND de.filled_at > DATE_SUB(NOW(), INTERVAL 12 MONTH) "
                 "GROUP BY de.patient_id, de.product_id, pa.last_name, pa.first_name, p.name "
                 "HAVING fills >= %s", (branch_id, min_fills))
    for r in rows:
        r['pdc'] = round(min(float(r['days_supplied'] or 0) / float(r['span'] or 1), 1.0) * 100, 1)
    return sorted(rows, key=lambda r: r['pdc'])


def refill_request_turnaround(branch_id, start, end):
    return query("SELECT rr.channel, COUNT(*) AS requests, "
                 "AVG(TIMESTAMPDIFF(MINUTE, rr.requested_at, rr.handled_at)) AS avg_minutes, "
                 "SUM(rr.status = 'DENIED') AS denied FROM refill_requests rr "
                 "JOIN prescription_items pi ON pi.id = rr.prescription_item_id "
                 "JOIN prescriptions rx ON rx.id = pi.prescription_id "
                 "WHERE rx.branch_id = %s AND rr.requested_at >= %s AND rr.requested_at < %s "
                 "GROUP BY rr.channel", (branch_id, start, end))


def rx_transfer_report(start, end):
    return query("SELECT b.code AS branch, rx.rx_number, rx.source, rx.status, rx.transferred_from, "
                 "rx.transferred_to, rx.received_at FROM prescriptions rx JOIN branches b ON b.id = rx.branch_id "
                 "WHERE (rx.source = 'transfer' OR rx.status = 'XFER_OUT') "
                 "AND rx.received_at >= %s AND rx.received_at < %s ORDER BY b.code, rx.received_at", (start, end))


def allergy_documentation_report(branch_id):
    """state board inspection item: % of active patients with allergies (or NKA) documented"""
    total = query_scalar("SELECT COUNT(*) FROM patients WHERE preferred_branch_id = %s AND active = 1",
                         (branch_id,), default=0)
    documented = query_scalar("SELECT COUNT(DISTINCT p.id) FROM patients p "
                              "JOIN patient_allergies a ON a.patient_id = p.id "
                              "WHERE p.preferred_branch_id = %s AND p.active = 1", (branch_id,), default=0)
    return [{'branch': common.get_branch_name(branch_id), 'patients': total, 'documented': documented,
             'pct': round(100.0 * documented / total, 1) if total else None}]


def click_and_collect_report(branch_id, start, end):
    return query("SELECT co.order_ref, co.status, co.requested_at, co.ready_at, co.collected_at, "
                 "TIMESTAMPDIFF(MINUTE, co.requested_at, co.ready_at) AS minutes_to_ready, "
                 "COUNT(de.id) AS items FROM collection_orders co "
                 "LEFT JOIN dispense_events de ON de.collection_order_id = co.id "
                 "WHERE co.branch_id = %s AND co.requested_at >= %s AND co.requested_at < %s "
                 "GROUP BY co.id ORDER BY co.requested_at", (branch_id, start, end))


def price_change_report(days=30):
    return query("SELECT p.ndc, p.name, pp.price_type, pp.price, pp.effective_from, "
                 "(SELECT pp2.price FROM product_prices pp2 WHERE pp2.product_id = pp.product_id "
                 " AND pp2.price_type = pp.price_type AND pp2.effective_to < pp.effective_from "
                 " ORDER BY pp2.effective_to DESC LIMIT 1) AS old_price "
                 "FROM product_prices pp JOIN products p ON p.id = pp.product_id "
                 "WHERE pp.effective_from >= DATE_SUB(CURDATE(), INTERVAL %s DAY) ORDER BY pp.effective_from DESC",
                 (days,))


def payer_mix_report(branch_id, month):
    start, end = _month_bounds(month)
    return query("SELECT COALESCE(i.name, 'CASH') AS payer, COUNT(*) AS claims, SUM(c.amount_paid) AS paid, "
                 "SUM(c.copay) AS copays FROM claims c "
                 "JOIN dispense_events de ON de.id = c.dispense_event_id "
                 "LEFT JOIN patient_coverage pc ON pc.id = c.coverage_id "
                 "LEFT JOIN insurance_plans ip ON ip.id = pc.plan_id "
                 "LEFT JOIN insurers i ON i.id = ip.insurer_id "
                 "WHERE de.branch_id = %s AND c.status IN ('PAID','RECONCILED','CASH') "
                 "AND de.filled_at >= %s AND de.filled_at < %s GROUP BY payer ORDER BY paid DESC",
                 (branch_id, start, end))


def promotion_effectiveness(promo_id):
    promo = query_one("SELECT * FROM promotions WHERE id = %s", (promo_id,))
    rows = query("SELECT COUNT(DISTINCT member_id) AS members, SUM(points) AS points FROM points_ledger "
                 "WHERE reason = 'RX_COPAY' AND created_at >= %s AND created_at <= COALESCE(%s, NOW())",
                 (promo['start_date'], promo['end_date']))
    rows[0]['promotion'] = promo['name']
    return rows


def licence_report():
    return query("SELECT b.code AS branch, s.last_name, s.first_name, s.role, l.licence_type, l.licence_number, "
                 "l.state, l.expires_on FROM staff_licences l JOIN staff s ON s.id = l.staff_id "
                 "LEFT JOIN branches b ON b.id = s.branch_id WHERE s.active = 1 ORDER BY l.expires_on")


REPORTS = {
    'daily_dispensing': daily_dispensing_report,
    'uncollected': uncollected_report,
    'kpi': branch_kpi_dashboard,
    'cs_audit': controlled_substance_audit,
    'valuation': stock_valuation_report,
    'expiry': expiry_report,
    'slow_movers': slow_movers_report,
    'shrinkage': shrinkage_report,
    'spend': purchase_spend_by_supplier,
    'ap_aging': supplier_invoice_aging,
    'claims_aging': claims_aging_report,
    'reject_rate': rejection_rate_by_plan,
    'remits': remittance_summary,
    'loyalty_liability': loyalty_liability_report,
    'redemptions': redemption_report,
    'staff_hours': staff_hours_report,
    'new_patients': new_patients_report,
    'adherence': patient_adherence_report,
    'refill_turnaround': refill_request_turnaround,
    'transfers': rx_transfer_report,
    'allergy_docs': allergy_documentation_report,
    'click_collect': click_and_collect_report,
    'price_changes': price_change_report,
    'payer_mix': payer_mix_report,
    'promo': promotion_effectiveness,
    'licences': licence_report,
}


def run_report(name, email_to=None, **kw):
    fn = REPORTS.get(name)
    if fn is None:
        raise common.NotFound('no report %s' % name)
    return ReportRunner(name, fn).run(email_to=email_to, **kw)
