# Reports for the managers. These read straight off the tables, mostly.
# TODO: point these at the read replica (REPORTS_DATABASE_URL) - they lock ticket_sales at month end
import datetime
from collections import OrderedDict

import db
import sql
import helpers


def period_label(start, end):
    return "%s to %s" % (helpers.fmt_date(start), helpers.fmt_date(end))


def as_table(columns, rows):
    return {"columns": columns, "rows": [[r.get(c) for c in columns] for r in rows]}


def revenue_by_route(start, end):
    rows = db.query_all("""SELECT service_no, sum(revenue_pence) AS revenue_pence, sum(passengers) AS passengers
                             FROM v_daily_revenue WHERE sale_date BETWEEN %s AND %s
                            GROUP BY service_no ORDER BY sum(revenue_pence) DESC""", (start, end))
    for r in rows:
        r["revenue"] = helpers.format_money(r["revenue_pence"])
    t = as_table(["service_no", "passengers", "revenue"], rows)
    t["period"] = period_label(start, end)
    return t


def passengers_by_hour(d):
    rows = db.query_all("""SELECT extract(hour FROM sold_at)::int AS hour, sum(passengers) AS passengers
                             FROM ticket_sales WHERE date(sold_at) = %s GROUP BY 1 ORDER BY 1""", (d,))
    conc = db.query_all("""SELECT extract(hour FROM travelled_at)::int AS hour, count(*) AS passengers
                             FROM concession_journeys WHERE date(travelled_at) = %s GROUP BY 1""", (d,))
    by_hour = OrderedDict((h, 0) for h in range(5, 24))
    for r in rows + conc:
        by_hour[r["hour"]] = by_hour.get(r["hour"], 0) + r["passengers"]
    return as_table(["hour", "passengers"], [{"hour": h, "passengers": p} for h, p in by_hour.items()])


def legacy_revenue_report(month):
    # the pre-view version, still linked from the old finance spreadsheet macro
    return db.query_all("SELECT route_id, sum(price_pence) FROM ticket_sales WHERE to_char(sold_at, 'YYYY-MM') = '%s' "
                        "GROUP BY route_id" % month)


def scheduled_km(d):
    trips = sql.trips_operating_on(d)
    lengths = {r["id"]: float(r["length_km"] or 0) for r in sql.get_routes(active_only=False)}
    per_route = {}
    for t in trips:
        rid = db.query_scalar("SELECT route_id FROM timetables WHERE id = %s", (t["timetable_id"],))
        per_route[t["service_no"]] = per_route.get(t["service_no"], 0) + lengths.get(rid, 0)
    return as_table(["service_no", "km"], [{"service_no": k, "km": round(v, 1)} for k, v in sorted(per_route.items())])


def vehicle_cost_per_km(months=3):
    rows = db.query_all("""SELECT v.fleet_no, v.vehicle_type,
                                  (SELECT coalesce(sum(fi.litres * fd.price_per_litre_pence), 0)
                                     FROM fuel_issues fi JOIN fuel_tanks t ON t.id = fi.tank_id
                                     JOIN fuel_deliveries fd ON fd.tank_id = t.id
                                    WHERE fi.vehicle_id = v.id AND fi.issued_at > now() - interval '%s months') AS fuel_pence,
                                  (SELECT coalesce(sum(j.parts_cost_pence + j.labour_hours * 3500), 0)
                                     FROM maintenance_jobs j WHERE j.vehicle_id = v.id
                                      AND j.completed_at > now() - interval '%s months') AS maint_pence,
                                  (SELECT max(odometer) - min(odometer) FROM fuel_issues fi2
                                    WHERE fi2.vehicle_id = v.id AND fi2.issued_at > now() - interval '%s months') AS km
                             FROM vehicles v WHERE v.status <> 'sold' ORDER BY v.fleet_no""" % (months, months, months))
    for r in rows:
        r["pence_per_km"] = round((r["fuel_pence"] + r["maint_pence"]) / r["km"], 1) if r["km"] else None
    return as_table(["fleet_no", "vehicle_type", "km", "pence_per_km"], rows)


def fleet_availability():
    rows = db.query_all("""SELECT depot_id, count(*) AS total,
                                  sum(CASE WHEN status = 'vor' OR serious_defects > 0 THEN 1 ELSE 0 END) AS off_road
                             FROM v_vehicle_availability GROUP BY depot_id""")
    return as_table(["depot_id", "total", "off_road"], rows)


def driver_hours(start):
    rows = db.query_all("""SELECT d.staff_no, d.first_name || ' ' || d.last_name AS name, w.paid_minutes
                             FROM v_driver_week_hours w JOIN drivers d ON d.id = w.driver_id
                            WHERE w.week_start = %s ORDER BY w.paid_minutes DESC""", (start,))
    for r in rows:
        r["hours"] = "%d:%02d" % divmod(r["paid_minutes"], 60)
        r["over"] = not helpers.working_time_ok(r["paid_minutes"], 0)
    return as_table(["staff_no", "name", "hours", "over"], rows)


def overtime_by_depot(start, end):
    rows = db.query_all("""SELECT dp.code, sum(ra.overtime_minutes) AS ot_minutes,
                                  sum(CASE WHEN ce.id IS NOT NULL THEN d.paid_minutes ELSE 0 END) AS bank_hol_minutes
                             FROM roster_assignments ra JOIN duties d ON d.id = ra.duty_id
                             JOIN depots dp ON dp.id = d.depot_id
                             LEFT JOIN calendar_exceptions ce ON ce.exc_date = ra.work_date
                            WHERE ra.work_date BETWEEN %s AND %s AND ra.status = 'worked'
                            GROUP BY dp.code""", (start, end))
    return as_table(["code", "ot_minutes", "bank_hol_minutes"], rows)


def complaints_by_route(days=90):
    rows = db.query_all("""SELECT coalesce(r.service_no, '-') AS service_no, c.category, count(*) AS n,
                                  sum(CASE WHEN c.closed_at IS NOT NULL AND c.closed_at::date <= c.due_date
                                      THEN 1 ELSE 0 END) AS in_sla
                             FROM complaints c LEFT JOIN routes r ON r.id = c.route_id
                            WHERE c.received_at > now() - interval '1 day' * %s
                            GROUP BY 1, 2 ORDER BY 3 DESC""", (days,))
    return as_table(["service_no", "category", "n", "in_sla"], rows)


def lost_property_stats(year):
    rows = db.query_all("""SELECT status, count(*) AS n FROM lost_property
                            WHERE extract(year FROM found_at) = %s GROUP BY status""", (year,))
    fees = db.query_scalar("SELECT coalesce(sum(fee_pence),0) FROM lost_property_claims "
                           "WHERE extract(year FROM claimed_at) = %s", (year,))
    t = as_table(["status", "n"], rows)
    t["fees"] = helpers.format_money(fees)
    return t


def hire_margin(start, end):
    rows = db.query_all("""SELECT b.id, b.journey_date, c.name, b.price_pence,
                                  coalesce(q.hours, 8) * coalesce(dr.hourly_rate_pence, 1300) AS driver_cost_pence,
                                  coalesce(q.miles, 0) * 45 AS fuel_cost_pence
                             FROM hire_bookings b JOIN hire_customers c ON c.id = b.customer_id
                             LEFT JOIN hire_quotes q ON q.id = b.quote_id
                             LEFT JOIN drivers dr ON dr.id = b.driver_id
                            WHERE b.journey_date BETWEEN %s AND %s AND b.status <> 'cancelled'""", (start, end))
    for r in rows:
        r["margin"] = helpers.format_money(r["price_pence"] - r["driver_cost_pence"] - r["fuel_cost_pence"])
    return as_table(["journey_date", "name", "price_pence", "margin"], rows)


def contract_revenue(year):
    rows = db.query_all("""SELECT sc.contract_ref, sc.school_name, sum(i.net_pence) AS invoiced_pence
                             FROM school_contracts sc LEFT JOIN hire_invoices i ON i.school_contract_id = sc.id
                              AND extract(year FROM i.issued_on) = %s
                            GROUP BY sc.contract_ref, sc.school_name ORDER BY 1""", (year,))
    return as_table(["contract_ref", "school_name", "invoiced_pence"], rows)


def expenses_by_depot(start, end):
    rows = db.query_all("""SELECT dp.code, el.category, sum(el.amount_pence) AS pence
                             FROM expense_lines el JOIN expense_claims ec ON ec.id = el.claim_id
                             JOIN drivers d ON d.id = ec.driver_id JOIN depots dp ON dp.id = d.depot_id
                            WHERE el.line_date BETWEEN %s AND %s AND ec.status IN ('approved', 'exported')
                            GROUP BY dp.code, el.category ORDER BY 1, 2""", (start, end))
    return as_table(["code", "category", "pence"], rows)


def management_pack(month=None):
    month = month or (datetime.date.today().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    end = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    return OrderedDict([
        ("Revenue", revenue_by_route(month, end)),
        ("Fleet availability", fleet_availability()),
        ("Overtime", overtime_by_depot(month, end)),
        ("Complaints", complaints_by_route((end - month).days + 1)),
        ("Private hire", hire_margin(month, end)),
        ("Expenses", expenses_by_depot(month, end)),
    ])
