"""Management reports.  Written straight against the tables because the
ORM versions took 40 minutes.  Output CSVs land in REPORT_DIR and get
picked up by the SharePoint sync.

    python manage.py report <name> [--month YYYY-MM]
"""
import csv
import datetime as dt
import logging
import os

from wastecorp.config import Config
from wastecorp.utils.dates import month_bounds, previous_month, today
from wastecorp.utils.db import fetch_all

log = logging.getLogger("wastecorp.jobs.reports")


def _report_path(name, start):
    return os.path.join(Config.REPORT_DIR, "%s_%s.csv" % (name, start.strftime("%Y%m")))


def _write_csv(path, rows):
    if not rows:
        log.info("no rows for %s", path)
        return path
    with open(path, "w") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0].keys()))
        w.writeheader()
        for r in rows:
            w.writerow(r)
    return path


def monthly_tonnage_by_customer(start, end):
    """Tonnes per customer: weighbridge tipping + onboard weights for bins.
    Environmental returns (WasteDataFlow) are built from this."""
    rows = fetch_all("""
        SELECT c.account_no, c.name, ws.code AS stream,
               SUM(t.net_kg) / 1000.0 AS tipped_tonnes, 0 AS lifted_tonnes
          FROM weighbridge_tickets t
          JOIN customers c ON c.id = t.customer_id
          JOIN waste_streams ws ON ws.id = t.waste_stream_id
         WHERE t.status = 'COMPLETE'
           AND t.weighed_in_at >= :s AND t.weighed_in_at < :e
         GROUP BY c.account_no, c.name, ws.code
        UNION ALL
        SELECT c.account_no, c.name, cs.waste_stream_code AS stream,
               0 AS tipped_tonnes, SUM(e.onboard_weight_kg) / 1000.0 AS lifted_tonnes
          FROM collection_events e
          JOIN container_assignments a ON a.container_id = e.container_id
               AND a.removed_on IS NULL
          JOIN contract_services cs ON cs.id = a.contract_service_id
          JOIN contracts k ON k.id = cs.contract_id
          JOIN customers c ON c.id = k.customer_id
         WHERE e.lifted_at >= :s AND e.lifted_at < :e
         GROUP BY c.account_no, c.name, cs.waste_stream_code
    """, {"s": start, "e": end + dt.timedelta(days=1)})
    return _write_csv(_report_path("tonnage_by_customer", start), rows)


def route_efficiency_report(start, end):
    rows = fetch_all("""
        SELECT r.code, r.depot, COUNT(DISTINCT cs.id) AS days_run,
               COUNT(e.id) AS lifts,
               SUM(CASE WHEN e.outcome <> 'LIFTED' THEN 1 ELSE 0 END) AS exceptions,
               AVG(EXTRACT(EPOCH FROM cs.finished_at - cs.started_at) / 3600.0) AS avg_hours,
               (SELECT COUNT(*) FROM missed_collections m
                 WHERE m.route_id = r.id AND m.due_date BETWEEN :s AND :e) AS misses
          FROM routes r
          JOIN collection_schedules cs ON cs.route_id = r.id
          LEFT JOIN collection_events e ON e.schedule_id = cs.id
         WHERE cs.collection_date BETWEEN :s AND :e AND cs.status = 'DONE'
         GROUP BY r.id, r.code, r.depot
         ORDER BY r.depot, r.code
    """, {"s": start, "e": end})
    for r in rows:
        r["lifts_per_hour"] = (round(r["lifts"] / (r["avg_hours"] * r["days_run"]), 1)
                               if r["avg_hours"] and r["days_run"] else None)
    return _write_csv(_report_path("route_efficiency", start), rows)


def missed_collection_kpi(start, end):
    rows = fetch_all("""
        SELECT r.depot, r.round_type,
               COUNT(*) AS reported,
               SUM(CASE WHEN m.crew_fault THEN 1 ELSE 0 END) AS crew_fault,
               SUM(CASE WHEN m.resolved_at IS NULL THEN 1 ELSE 0 END) AS open,
               AVG(m.return_visit_date - m.due_date) AS avg_days_to_return
          FROM missed_collections m
          LEFT JOIN routes r ON r.id = m.route_id
         WHERE m.due_date BETWEEN :s AND :e
         GROUP BY r.depot, r.round_type
    """, {"s": start, "e": end})
    return _write_csv(_report_path("missed_kpi", start), rows)


def fleet_cost_report(start, end):
    rows = fetch_all("""
        SELECT v.registration, v.fleet_no, v.vehicle_class, v.depot,
               COALESCE(f.litres, 0) AS litres, COALESCE(f.fuel_cost, 0) AS fuel_cost,
               COALESCE(m.parts, 0) AS parts_cost, COALESCE(m.hours, 0) AS labour_hours,
               COALESCE(m.vor_orders, 0) AS vor_orders
          FROM vehicles v
          LEFT JOIN (SELECT vehicle_id, SUM(litres) AS litres, SUM(cost) AS fuel_cost
                       FROM fuel_logs WHERE filled_at >= :s AND filled_at < :e
                      GROUP BY vehicle_id) f ON f.vehicle_id = v.id
          LEFT JOIN (SELECT vehicle_id, SUM(parts_cost) AS parts, SUM(labour_hours) AS hours,
                            SUM(CASE WHEN vor THEN 1 ELSE 0 END) AS vor_orders
                       FROM maintenance_orders WHERE opened_at >= :s AND opened_at < :e
                      GROUP BY vehicle_id) m ON m.vehicle_id = v.id
         WHERE v.status <> 'DISPOSED'
         ORDER BY v.depot, v.fleet_no
    """, {"s": start, "e": end + dt.timedelta(days=1)})
    return _write_csv(_report_path("fleet_cost", start), rows)


def driver_hours_report(start, end):
    rows = fetch_all("""
        SELECT e.payroll_no, e.first_name, e.last_name, e.job_role, e.depot,
               SUM(EXTRACT(EPOCH FROM t.clock_out - t.clock_in) / 3600.0
                   - t.break_minutes / 60.0) AS hours,
               SUM(t.overtime_minutes) / 60.0 AS overtime_hours,
               (SELECT COUNT(DISTINCT ca.work_date) FROM crew_assignments ca
                 WHERE ca.employee_id = e.id AND ca.work_date BETWEEN :s AND :e) AS days_on_rounds,
               (SELECT COUNT(*) FROM absences a
                 WHERE a.employee_id = e.id AND a.absence_type = 'SICK'
                   AND a.start_date BETWEEN :s AND :e) AS sick_spells
          FROM employees e
          LEFT JOIN timesheets t ON t.employee_id = e.id
               AND t.clock_in >= :s AND t.clock_in < :e_excl
         WHERE e.end_date IS NULL OR e.end_date >= :s
         GROUP BY e.id, e.payroll_no, e.first_name, e.last_name, e.job_role, e.depot
    """, {"s": start, "e": end, "e_excl": end + dt.timedelta(days=1)})
    return _write_csv(_report_path("driver_hours", start), rows)


def contract_profitability_report(start, end):
    """Revenue per contract vs disposal cost of the tonnage we tipped for
    it.  Disposal cost is approximated with the gate fee at the round's
    disposal site."""
    rows = fetch_all("""
        SELECT k.contract_no, c.name,
               COALESCE(rev.net, 0) AS revenue,
               COALESCE(cost.disposal, 0) AS disposal_cost,
               COALESCE(rev.net, 0) - COALESCE(cost.disposal, 0) AS margin
          FROM contracts k
          JOIN customers c ON c.id = k.customer_id
          LEFT JOIN (SELECT i.contract_id, SUM(i.net_total) AS net FROM invoices i
                      WHERE i.period_start >= :s AND i.period_end <= :e
                        AND i.status <> 'VOID'
                      GROUP BY i.contract_id) rev ON rev.contract_id = k.id
          LEFT JOIN (SELECT cs.contract_id,
                            SUM(e.onboard_weight_kg / 1000.0 * gf.price_per_tonne) AS disposal
                       FROM collection_events e
                       JOIN route_stops s ON s.id = e.route_stop_id
                       JOIN routes r ON r.id = s.route_id
                       JOIN contract_services cs ON cs.id = s.contract_service_id
                       JOIN waste_streams ws ON ws.code = cs.waste_stream_code
                       JOIN gate_fees gf ON gf.site_id = r.disposal_site_id
                            AND gf.waste_stream_id = ws.id AND gf.valid_to IS NULL
                      WHERE e.lifted_at >= :s AND e.lifted_at < :e_excl
                      GROUP BY cs.contract_id) cost ON cost.contract_id = k.id
         WHERE k.status IN ('ACTIVE', 'TERMINATED')
         ORDER BY margin
    """, {"s": start, "e": end, "e_excl": end + dt.timedelta(days=1)})
    return _write_csv(_report_path("contract_profitability", start), rows)


def container_utilisation_report(start, end):
    rows = fetch_all("""
        SELECT t.code, t.capacity_litres,
               COUNT(DISTINCT c.id) AS deployed,
               COUNT(e.id) AS lifts,
               AVG(e.onboard_weight_kg) AS avg_kg_per_lift,
               SUM(CASE WHEN c.last_lifted_at < :s THEN 1 ELSE 0 END) AS idle
          FROM containers c
          JOIN container_types t ON t.id = c.container_type_id
          LEFT JOIN collection_events e ON e.container_id = c.id
               AND e.lifted_at >= :s AND e.lifted_at < :e
         WHERE c.status = 'DEPLOYED'
         GROUP BY t.code, t.capacity_litres
    """, {"s": start, "e": end + dt.timedelta(days=1)})
    return _write_csv(_report_path("container_utilisation", start), rows)


def recycling_revenue_report(start, end):
    rows = fetch_all("""
        SELECT b.name AS buyer, b.country, so.order_no, so.material_grade,
               SUM(sh.net_kg) / 1000.0 AS tonnes, so.agreed_price_per_tonne,
               SUM(sh.net_kg) / 1000.0 * so.agreed_price_per_tonne AS revenue,
               (SELECT AVG(cp.price_per_tonne) FROM commodity_prices cp
                 WHERE cp.material_grade = so.material_grade
                   AND cp.effective_date BETWEEN :s AND :e) AS market_avg
          FROM sales_shipments sh
          JOIN sales_orders so ON so.id = sh.sales_order_id
          JOIN material_buyers b ON b.id = so.buyer_id
         WHERE sh.shipped_at >= :s AND sh.shipped_at < :e_excl
         GROUP BY b.name, b.country, so.order_no, so.material_grade,
                  so.agreed_price_per_tonne
    """, {"s": start, "e": end, "e_excl": end + dt.timedelta(days=1)})
    return _write_csv(_report_path("recycling_revenue", start), rows)


REPORTS = {
    "tonnage": monthly_tonnage_by_customer,
    "routes": route_efficiency_report,
    "missed": missed_collection_kpi,
    "fleet": fleet_cost_report,
    "hours": driver_hours_report,
    "profitability": contract_profitability_report,
    "containers": container_utilisation_report,
    "recycling": recycling_revenue_report,
}


def run_report(name, year=None, month=None):
    if year is None:
        year, month = previous_month(today())
    start, end = month_bounds(year, month)
    fn = REPORTS.get(name)
    if fn is None:
        raise KeyError("unknown report %s (have: %s)" % (name, ", ".join(sorted(REPORTS))))
    return fn(start, end)


def run_all(year=None, month=None):
    return [run_report(n, year, month) for n in sorted(REPORTS)]
