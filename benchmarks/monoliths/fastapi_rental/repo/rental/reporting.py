"""Management reports. Raw SQL because the ORM version took 40s on the prod db."""
import datetime as dt

from sqlalchemy import text

from rental.utils import round_money


def run_sql(db, sql, **params):
    return [dict(row._mapping) for row in db.execute(text(sql), params)]


def fleet_utilisation(db, start, end):
    rows = run_sql(db, """
        SELECT vc.code AS category, b.code AS branch, COUNT(DISTINCT v.id) AS vehicles,
               COALESCE(SUM(EXTRACT(EPOCH FROM (LEAST(ra.closed_at, :end) - GREATEST(ra.signed_at, :start))) / 86400), 0)
                   AS rented_days
        FROM vehicles v
        JOIN vehicle_categories vc ON vc.id = v.category_id
        JOIN branches b ON b.id = v.branch_id
        LEFT JOIN rental_agreements ra ON ra.vehicle_id = v.id
             AND ra.signed_at < :end AND COALESCE(ra.closed_at, :end) > :start
        WHERE v.status <> 'retired'
        GROUP BY vc.code, b.code
        ORDER BY b.code, vc.code
    """, start=start, end=end)
    days = max(1, (end - start).days)
    for row in rows:
        row["utilisation"] = round(float(row["rented_days"]) / (row["vehicles"] * days), 3) if row["vehicles"] else 0
    return rows


def revenue_by_branch(db, year):
    rows = run_sql(db, """
        SELECT b.code AS branch, EXTRACT(MONTH FROM p.created_at) AS month, SUM(p.amount) AS revenue
        FROM payments p
        JOIN reservations r ON r.id = p.reservation_id
        JOIN branches b ON b.id = r.pickup_branch_id
        WHERE p.status IN ('succeeded', 'refunded') AND EXTRACT(YEAR FROM p.created_at) = :year
        GROUP BY b.code, EXTRACT(MONTH FROM p.created_at)
        ORDER BY 1, 2
    """, year=year)
    for row in rows:
        row["revenue"] = round_money(row["revenue"] or 0)
    return rows


def outstanding_deposits(db):
    return run_sql(db, """
        SELECT r.reference, c.email, dh.amount, dh.expires_at
        FROM deposit_holds dh
        JOIN reservations r ON r.id = dh.reservation_id
        JOIN customers c ON c.id = r.customer_id
        WHERE dh.status = 'held' AND r.status IN ('returned', 'cancelled')
    """)


def damage_cost_by_category(db, year):
    return run_sql(db, """
        SELECT vc.code AS category, COUNT(d.id) AS damages, SUM(d.estimated_cost) AS estimated,
               SUM(cl.settled_amount) AS recovered_from_insurer, SUM(cl.customer_liability) AS charged_to_customers
        FROM damage_reports d
        JOIN vehicles v ON v.id = d.vehicle_id
        JOIN vehicle_categories vc ON vc.id = v.category_id
        LEFT JOIN claims cl ON cl.damage_report_id = d.id
        WHERE EXTRACT(YEAR FROM d.created_at) = :year
        GROUP BY vc.code
    """, year=year)


def booking_conversion(db, since=None):
    since = since or (dt.date.today() - dt.timedelta(days=30))
    return run_sql(db, """
        SELECT channel, COUNT(*) AS created,
               SUM(CASE WHEN status IN ('confirmed', 'on_rent', 'returned') THEN 1 ELSE 0 END) AS converted,
               SUM(CASE WHEN status = 'no_show' THEN 1 ELSE 0 END) AS no_shows
        FROM reservations
        WHERE created_at >= :since
        GROUP BY channel
    """, since=since)

