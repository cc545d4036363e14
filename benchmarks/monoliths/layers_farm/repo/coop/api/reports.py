"""/api/reports -- board & management reports.

Raw SQL on purpose: the ORM versions were too slow on the 2020 data.  Each
report returns JSON, or CSV with ?format=csv.
"""
import csv
import io

from flask import Blueprint, Response, request

from coop.utils.dates import crop_year_bounds, crop_year_for, today
from coop.utils.db import execute_sql
from coop.utils.decorators import log_timing, require_role

bp = Blueprint("reports", __name__)


def _rows_to_csv(rows):
    buf = io.StringIO()
    if rows:
        w = csv.DictWriter(buf, fieldnames=list(rows[0].keys()))
        w.writeheader()
        for r in rows:
            w.writerow(r)
    return buf.getvalue()


def _respond(name, rows):
    if request.args.get("format") == "csv":
        return Response(_rows_to_csv(rows), mimetype="text/csv",
                        headers={"Content-Disposition": "attachment; filename=%s.csv" % name})
    from flask import jsonify
    return jsonify({"report": name, "rows": [{k: (str(v) if v is not None else None)
                                              for k, v in r.items()} for r in rows]})


def _crop_year_arg():
    return request.args.get("crop_year", type=int) or crop_year_for(today())


@bp.route("/intake-by-grade")
@log_timing
def grade_distribution_report():
    start, end = crop_year_bounds(_crop_year_arg())
    rows = execute_sql("""
        SELECT t.commodity, t.grade_code, COUNT(*) AS loads,
               SUM(t.net_kg) / 1000.0 AS net_t, SUM(t.paid_kg) / 1000.0 AS paid_t,
               AVG(s.moisture_pct) AS avg_moisture, AVG(s.protein_pct) AS avg_protein
          FROM intake_tickets t
          LEFT JOIN grade_samples s ON s.ticket_id = t.id AND s.is_appeal = false
         WHERE t.status = 'binned' AND t.arrived_at BETWEEN :s AND :e
         GROUP BY t.commodity, t.grade_code
         ORDER BY t.commodity, t.grade_code
    """, {"s": start, "e": end})
    return _respond("intake_by_grade", rows)


@bp.route("/rejections")
def rejection_report():
    rows = execute_sql("""
        SELECT r.reason_code, t.commodity, COUNT(*) AS n, SUM(t.net_kg) / 1000.0 AS tonnes
          FROM intake_rejections r JOIN intake_tickets t ON t.id = r.ticket_id
         WHERE r.created_at >= :since
         GROUP BY r.reason_code, t.commodity
    """, {"since": crop_year_bounds(_crop_year_arg())[0]})
    return _respond("rejections", rows)


@bp.route("/silo-throughput")
@log_timing
def silo_throughput_report():
    start, end = crop_year_bounds(_crop_year_arg())
    rows = execute_sql("""
        SELECT ss.code AS site, b.code AS bin, b.capacity_t,
               SUM(CASE WHEN m.qty_kg > 0 THEN m.qty_kg ELSE 0 END) / 1000.0 AS in_t,
               SUM(CASE WHEN m.qty_kg < 0 THEN -m.qty_kg ELSE 0 END) / 1000.0 AS out_t,
               SUM(CASE WHEN m.qty_kg > 0 THEN m.qty_kg ELSE 0 END) / 1000.0 / NULLIF(b.capacity_t, 0) AS turns
          FROM bins b
          JOIN storage_sites ss ON ss.id = b.site_id
          LEFT JOIN stock_movements m ON m.bin_id = b.id AND m.moved_at BETWEEN :s AND :e
         GROUP BY ss.code, b.code, b.capacity_t
         ORDER BY ss.code, b.code
    """, {"s": start, "e": end})
    return _respond("silo_throughput", rows)


@bp.route("/shrink")
def shrink_report():
    rows = execute_sql("""
        SELECT b.code AS bin, c.counted_on, c.book_kg, c.measured_kg, c.variance_kg,
               (SELECT MAX(f.applied_on) FROM fumigation_logs f WHERE f.bin_id = b.id) AS last_fumigated,
               (SELECT COUNT(*) FROM bin_transfers x WHERE x.from_bin_id = b.id) AS times_turned
          FROM stock_counts c JOIN bins b ON b.id = c.bin_id
         ORDER BY c.counted_on DESC
         LIMIT 500
    """)
    return _respond("shrink", rows)


@bp.route("/contract-coverage")
@require_role("marketing", "board")
def contract_coverage_report():
    rows = execute_sql("""
        SELECT sc.commodity, sc.grade_code, b.name AS buyer, sc.contract_no,
               sc.quantity_t, COALESCE(SUM(d.net_kg), 0) / 1000.0 AS delivered_t,
               sc.price_t, sc.delivery_to,
               (SELECT MAX(q.price_t) FROM price_quotes q
                 WHERE q.commodity = sc.commodity AND q.quote_date >= CURRENT_DATE - 7) AS best_quote_7d
          FROM sales_contracts sc
          JOIN buyers b ON b.id = sc.buyer_id
          LEFT JOIN contract_deliveries d ON d.contract_id = sc.id
         WHERE sc.status IN ('open', 'filled') AND sc.crop_year = :cy
         GROUP BY sc.id, sc.commodity, sc.grade_code, b.name, sc.contract_no, sc.quantity_t,
                  sc.price_t, sc.delivery_to
         ORDER BY sc.delivery_to
    """, {"cy": _crop_year_arg()})
    return _respond("contract_coverage", rows)


@bp.route("/receivables")
@require_role("finance")
def buyer_receivables_report():
    rows = execute_sql("""
        SELECT b.code, b.name, i.invoice_no, i.issued_on, i.due_on, i.total,
               CURRENT_DATE - i.due_on AS days_overdue
          FROM buyer_invoices i JOIN buyers b ON b.id = i.buyer_id
         WHERE i.status IN ('issued', 'overdue')
         ORDER BY days_overdue DESC
    """)
    return _respond("receivables", rows)


@bp.route("/member-annual-statement/<int:member_id>")
@require_role("finance", "member_services")
def member_annual_statement(member_id):
    """Year-end statement: deliveries, settlements, deductions, advances -- mailed in Sept."""
    start, end = crop_year_bounds(_crop_year_arg())
    rows = execute_sql("""
        SELECT 'settlement' AS kind, r.run_type AS detail, r.period_end AS dt, SUM(l.gross) AS amount
          FROM settlement_lines l JOIN settlement_runs r ON r.id = l.run_id
         WHERE l.member_id = :mid AND r.status = 'paid' AND r.period_end BETWEEN :s AND :e
         GROUP BY r.run_type, r.period_end
        UNION ALL
        SELECT 'deduction', d.kind, d.created_at::date, -d.amount
          FROM member_deductions d
         WHERE d.member_id = :mid AND d.applied = true AND d.created_at BETWEEN :s AND :e
        UNION ALL
        SELECT 'advance', a.commodity, a.issued_on, a.amount
          FROM advance_payments a
         WHERE a.member_id = :mid AND a.issued_on BETWEEN :s AND :e
        UNION ALL
        SELECT 'payout', p.file_name, p.payment_date, NULL
          FROM payout_batches p JOIN settlement_lines l2 ON l2.run_id = p.run_id
         WHERE l2.member_id = :mid AND p.payment_date BETWEEN :s AND :e
         GROUP BY p.file_name, p.payment_date
        ORDER BY dt
    """, {"mid": member_id, "s": start, "e": end})
    return _respond("member_statement_%s" % member_id, rows)


@bp.route("/yield-by-variety")
@log_timing
def yield_by_variety_report():
    """Delivered tonnes / seeded ha by variety.  Joins harvest tickets back to crop plans."""
    cy = _crop_year_arg()
    rows = execute_sql("""
        SELECT v.commodity, v.name AS variety, SUM(pr.seeded_area_ha) AS seeded_ha,
               SUM(t.net_kg) / 1000.0 AS delivered_t,
               SUM(t.net_kg) / 1000.0 / NULLIF(SUM(pr.seeded_area_ha), 0) AS t_per_ha
          FROM crop_plans cp
          JOIN seasons se ON se.id = cp.season_id AND se.crop_year = :cy
          JOIN crop_varieties v ON v.id = cp.variety_id
          LEFT JOIN planting_records pr ON pr.crop_plan_id = cp.id
          LEFT JOIN intake_tickets t ON t.field_id = cp.field_id AND t.commodity = cp.commodity
                                    AND t.status = 'binned'
         GROUP BY v.commodity, v.name
         ORDER BY v.commodity, t_per_ha DESC NULLS LAST
    """, {"cy": cy})
    return _respond("yield_by_variety", rows)


@bp.route("/soil-vs-yield")
def soil_vs_yield_report():
    rows = execute_sql("""
        SELECT f.id AS field_id, f.soil_zone, r.ph, r.organic_matter_pct, r.nitrate_n_ppm,
               nr.n_kg_ha AS recommended_n, SUM(t.net_kg) / 1000.0 / NULLIF(f.area_ha, 0) AS t_per_ha
          FROM soil_samples s
          JOIN soil_test_results r ON r.sample_id = s.id
          JOIN fields f ON f.id = s.field_id
          LEFT JOIN nutrient_recommendations nr ON nr.sample_id = s.id
          LEFT JOIN intake_tickets t ON t.field_id = f.id AND t.status = 'binned'
         GROUP BY f.id, f.soil_zone, r.ph, r.organic_matter_pct, r.nitrate_n_ppm, nr.n_kg_ha, f.area_ha
    """)
    return _respond("soil_vs_yield", rows)


@bp.route("/agronomist-caseload")
def agronomist_caseload_report():
    rows = execute_sql("""
        SELECT a.name, a.region, COUNT(DISTINCT m.id) AS members,
               COUNT(DISTINCT v.id) FILTER (WHERE v.visited_on IS NOT NULL) AS visits_done,
               COUNT(DISTINCT v.id) FILTER (WHERE v.visited_on IS NULL) AS visits_open
          FROM agronomists a
          LEFT JOIN members m ON m.agronomist_id = a.id AND m.status = 'active'
          LEFT JOIN advisory_visits v ON v.agronomist_id = a.id
         WHERE a.active
         GROUP BY a.name, a.region
    """)
    return _respond("agronomist_caseload", rows)


@bp.route("/equipment-utilisation")
def equipment_utilisation_report():
    start, end = crop_year_bounds(_crop_year_arg())
    rows = execute_sql("""
        SELECT e.code, e.equipment_class, COUNT(bk.id) AS bookings,
               SUM(bk.hours_in - bk.hours_out) AS engine_hours,
               COALESCE(SUM(rc.amount), 0) AS revenue,
               (SELECT COALESCE(SUM(ml.parts_cost + ml.labour_cost), 0) FROM maintenance_logs ml
                 WHERE ml.equipment_id = e.id AND ml.completed_on BETWEEN :s AND :e) AS maint_cost
          FROM equipment e
          LEFT JOIN equipment_bookings bk ON bk.equipment_id = e.id AND bk.status = 'returned'
                                         AND bk.start_at BETWEEN :s AND :e
          LEFT JOIN rental_charges rc ON rc.booking_id = bk.id
         GROUP BY e.id, e.code, e.equipment_class
         ORDER BY revenue DESC
    """, {"s": start, "e": end})
    return _respond("equipment_utilisation", rows)


@bp.route("/membership-roll")
@require_role("board_secretary", "board")
def membership_roll_report():
    rows = execute_sql("""
        SELECT m.grower_code, m.last_name, m.first_name, m.farm_name, m.status, m.joined_on,
               COALESCE(SUM(h.quantity) FILTER (WHERE sc.voting), 0) AS voting_shares,
               COALESCE(SUM(h.quantity * sc.par_value), 0) AS share_capital
          FROM members m
          LEFT JOIN share_holdings h ON h.member_id = m.id
          LEFT JOIN share_classes sc ON sc.id = h.share_class_id
         GROUP BY m.id, m.grower_code, m.last_name, m.first_name, m.farm_name, m.status, m.joined_on
         ORDER BY m.last_name
    """)
    return _respond("membership_roll", rows)


@bp.route("/board-pack")
@require_role("board")
@log_timing
def board_pack_summary():
    """One-page KPIs for the monthly board meeting.  Touches everything -- slow."""
    cy = _crop_year_arg()
    start, end = crop_year_bounds(cy)
    kpis = execute_sql("""
        SELECT
          (SELECT COUNT(*) FROM members WHERE status = 'active') AS active_members,
          (SELECT COALESCE(SUM(net_kg), 0) / 1000.0 FROM intake_tickets
            WHERE status = 'binned' AND arrived_at BETWEEN :s AND :e) AS intake_t,
          (SELECT COALESCE(SUM(current_kg), 0) / 1000.0 FROM bins) AS in_store_t,
          (SELECT COALESCE(SUM(quantity_t), 0) FROM sales_contracts
            WHERE crop_year = :cy AND status <> 'cancelled') AS contracted_t,
          (SELECT COALESCE(SUM(total_net), 0) FROM settlement_runs
            WHERE crop_year = :cy AND status = 'paid') AS paid_to_members,
          (SELECT COALESCE(SUM(amount), 0) FROM rental_charges
            WHERE billed_on BETWEEN :s AND :e) AS rental_revenue
    """, {"s": start, "e": end, "cy": cy})
    return _respond("board_pack", kpis)
