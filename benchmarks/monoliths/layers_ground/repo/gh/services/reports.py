"""Management reports. Raw SQL because the ORM versions were too slow (see #412)."""
from sqlalchemy import text

from gh.extensions import db
from gh.utils.db_helpers import run_sql, rows_to_dicts


def turnaround_punctuality_report(start, end):
    sql = """
        SELECT a.iata_code AS airline, COUNT(t.id) AS turns,
               AVG(EXTRACT(EPOCH FROM (t.completed_at - t.started_at)) / 60) AS avg_minutes,
               SUM(CASE WHEN d.handler_fault THEN d.minutes ELSE 0 END) AS handler_delay_minutes
        FROM turnarounds t
        JOIN flights f ON f.id = COALESCE(t.departure_flight_id, t.arrival_flight_id)
        JOIN airlines a ON a.id = f.airline_id
        LEFT JOIN flight_delays d ON d.flight_id = f.id
        WHERE t.completed_at BETWEEN :start AND :end
        GROUP BY a.iata_code ORDER BY turns DESC
    """
    return rows_to_dicts(run_sql(sql, start=start, end=end))


def revenue_by_airline(year):
    rows = db.session.execute(text("""
        SELECT a.name, SUM(i.net_total) AS net, SUM(COALESCE(p.paid, 0)) AS paid
        FROM invoices i
        JOIN airlines a ON a.id = i.airline_id
        LEFT JOIN (SELECT invoice_id, SUM(amount) AS paid FROM payments GROUP BY invoice_id) p
               ON p.invoice_id = i.id
        WHERE EXTRACT(YEAR FROM i.period_start) = :year AND i.status != 'DRAFT'
        GROUP BY a.name ORDER BY net DESC
    """), {"year": year}).fetchall()
    return rows_to_dicts(rows)


def overtime_report(start, end):
    sql = """
        SELECT s.employee_no, s.last_name, s.team, SUM(ts.overtime_minutes) AS overtime
        FROM timesheets ts JOIN staff s ON s.id = ts.staff_id
        WHERE ts.clock_in BETWEEN :start AND :end
        GROUP BY s.employee_no, s.last_name, s.team
        HAVING SUM(ts.overtime_minutes) > 0
        ORDER BY overtime DESC
    """
    return rows_to_dicts(run_sql(sql, start=start, end=end))


def equipment_utilisation_report(start, end):
    sql = """
        SELECT e.fleet_no, et.code,
               SUM(EXTRACT(EPOCH FROM (COALESCE(al.allocated_to, :end) - al.allocated_from)) / 3600) AS hours_allocated,
               COUNT(DISTINCT mo.id) AS maintenance_orders
        FROM equipment e
        JOIN equipment_types et ON et.id = e.type_id
        LEFT JOIN equipment_allocations al ON al.equipment_id = e.id AND al.allocated_from BETWEEN :start AND :end
        LEFT JOIN maintenance_orders mo ON mo.equipment_id = e.id AND mo.opened_at BETWEEN :start AND :end
        GROUP BY e.fleet_no, et.code ORDER BY et.code, e.fleet_no
    """
    return rows_to_dicts(run_sql(sql, start=start, end=end))


def mishandled_bag_rate(start, end):
    sql = """
        SELECT a.iata_code, SUM(f.bag_count) AS bags, COUNT(bi.id) AS incidents,
               1000.0 * COUNT(bi.id) / NULLIF(SUM(f.bag_count), 0) AS per_thousand
        FROM flights f
        JOIN airlines a ON a.id = f.airline_id
        LEFT JOIN baggage_incidents bi ON bi.flight_id = f.id
        WHERE f.sched_time BETWEEN :start AND :end
        GROUP BY a.iata_code
    """
    return rows_to_dicts(run_sql(sql, start=start, end=end))


def fuel_uplift_by_airline(start, end):
    sql = """
        SELECT a.iata_code, COUNT(fo.id) AS orders, SUM(fd.litres) AS litres
        FROM fuel_deliveries fd
        JOIN fuel_orders fo ON fo.id = fd.order_id
        JOIN flights f ON f.id = fo.flight_id
        JOIN airlines a ON a.id = f.airline_id
        WHERE fd.delivered_at BETWEEN :start AND :end
        GROUP BY a.iata_code ORDER BY litres DESC
    """
    return rows_to_dicts(run_sql(sql, start=start, end=end))


def expiring_certs_report(before):
    sql = """
        SELECT s.employee_no, s.last_name, s.team, c.code AS course, ce.expires_on
        FROM certifications ce
        JOIN staff s ON s.id = ce.staff_id
        JOIN courses c ON c.id = ce.course_id
        WHERE ce.revoked = false AND ce.expires_on <= :before AND s.active = true
        ORDER BY ce.expires_on
    """
    return rows_to_dicts(run_sql(sql, before=before))
