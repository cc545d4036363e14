"""
Management reports. Raw SQL on purpose - these run against the read replica
from the nightly job and the finance team's "reports" page.

Every report returns a list of dicts.
"""
import datetime

from utils.db import fetch_scalar, run_sql
from utils.dates import start_of_week, today_local


def daily_takings(d):
    """All money taken on day d, by stream. Finance's favourite report."""
    rows = run_sql(
        """
        SELECT 'tickets' AS stream, o.channel AS detail, COUNT(*) AS n, COALESCE(SUM(o.total - o.donation_added), 0) AS amount
        FROM core_ticketorder o
        WHERE o.status = 'paid' AND DATE(o.created) = %s
        GROUP BY o.channel
        UNION ALL
        SELECT 'donations', d.source, COUNT(*), COALESCE(SUM(d.amount), 0)
        FROM core_donation d
        WHERE DATE(d.created) = %s
        GROUP BY d.source
        UNION ALL
        SELECT 'memberships', p.code, COUNT(*), COALESCE(SUM(m.price_paid), 0)
        FROM core_membership m JOIN core_membershipplan p ON p.id = m.plan_id
        WHERE m.status IN ('active', 'lapsed') AND DATE(m.created) = %s
        GROUP BY p.code
        UNION ALL
        SELECT 'events', e.event_type, COUNT(*), COALESCE(SUM(b.total), 0)
        FROM website_eventbooking b JOIN website_event e ON e.id = b.event_id
        WHERE b.status IN ('confirmed', 'attended') AND DATE(b.booked_at) = %s
        GROUP BY e.event_type
        """,
        [d, d, d, d],
    )
    return rows


def visitor_numbers(start, end):
    return run_sql(
        """
        SELECT c.date, c.capacity, c.sold, c.scanned,
               (SELECT COUNT(*) FROM core_gatescan g
                 WHERE DATE(g.scanned_at) = c.date AND g.result = 'ok'
                   AND g.membership_id IS NOT NULL) AS member_entries
        FROM daily_capacity c
        WHERE c.date BETWEEN %s AND %s
        ORDER BY c.date
        """,
        [start, end],
    )


def ticket_mix(start, end):
    return run_sql(
        """
        SELECT tt.code, tt.name, COUNT(t.id) AS sold, SUM(t.price) AS revenue,
               AVG(t.price) AS avg_price
        FROM core_ticket t
        JOIN core_tickettype tt ON tt.id = t.ticket_type_id
        JOIN core_ticketorder o ON o.id = t.order_id
        WHERE o.status = 'paid' AND t.visit_date BETWEEN %s AND %s AND NOT t.voided
        GROUP BY tt.code, tt.name
        ORDER BY sold DESC
        """,
        [start, end],
    )


def membership_stats():
    return run_sql(
        """
        SELECT p.name AS plan,
               SUM(CASE WHEN m.status = 'active' THEN 1 ELSE 0 END) AS active,
               SUM(CASE WHEN m.status = 'lapsed' THEN 1 ELSE 0 END) AS lapsed,
               SUM(CASE WHEN m.auto_renew AND m.status = 'active' THEN 1 ELSE 0 END) AS auto_renew
        FROM core_membership m
        JOIN core_membershipplan p ON p.id = m.plan_id
        GROUP BY p.name
        ORDER BY active DESC
        """
    )


def fundraising_summary(year):
    donations = run_sql(
        """
        SELECT d.source, COUNT(*) AS n, SUM(d.amount) AS total,
               SUM(CASE WHEN d.gift_aid_eligible THEN d.amount * 0.25 ELSE 0 END) AS gift_aid
        FROM core_donation d
        WHERE EXTRACT(YEAR FROM d.created) = %s
        GROUP BY d.source
        """,
        [year],
    )
    declarations = fetch_scalar(
        "SELECT COUNT(*) FROM giftaid_declaration WHERE revoked_on IS NULL", default=0)
    return {"donations": donations, "active_declarations": declarations}


def adoptions_by_species(on=None):
    on = on or today_local()
    return run_sql(
        """
        SELECT sp.common_name, COUNT(ad.id) AS adoptions, SUM(ad.amount) AS value
        FROM core_adoption ad
        JOIN animals_animal a ON a.id = ad.animal_id
        JOIN animals_species sp ON sp.id = a.species_id
        WHERE ad.cancelled = FALSE AND ad.start_date <= %s AND ad.end_date >= %s
        GROUP BY sp.common_name
        ORDER BY adoptions DESC
        """,
        [on, on],
    )


def collection_census():
    """Annual stock-take for the zoo licence inspection."""
    return run_sql(
        """
        SELECT sp.taxon_class, sp.common_name, sp.latin_name,
               SUM(CASE WHEN a.sex = 'M' THEN 1 ELSE 0 END) AS males,
               SUM(CASE WHEN a.sex = 'F' THEN 1 ELSE 0 END) AS females,
               SUM(CASE WHEN a.sex = 'U' THEN 1 ELSE 0 END) AS unknown,
               STRING_AGG(DISTINCT e.code, ', ') AS enclosures
        FROM animals_animal a
        JOIN animals_species sp ON sp.id = a.species_id
        LEFT JOIN backoffice_enclosure e ON e.id = a.enclosure_id
        WHERE a.status IN ('active', 'quarantine', 'offshow')
        GROUP BY sp.taxon_class, sp.common_name, sp.latin_name
        ORDER BY sp.taxon_class, sp.common_name
        """
    )


def vet_costs(year):
    return run_sql(
        """
        SELECT sp.common_name, COUNT(v.id) AS visits, SUM(v.cost) AS cost,
               (SELECT COUNT(*) FROM vet_prescription p
                  JOIN animals_vetvisit v2 ON v2.id = p.visit_id
                  JOIN animals_animal a2 ON a2.id = v2.animal_id
                 WHERE a2.species_id = sp.id AND EXTRACT(YEAR FROM v2.visit_date) = %s) AS prescriptions
        FROM animals_vetvisit v
        JOIN animals_animal a ON a.id = v.animal_id
        JOIN animals_species sp ON sp.id = a.species_id
        WHERE EXTRACT(YEAR FROM v.visit_date) = %s
        GROUP BY sp.id, sp.common_name
        ORDER BY cost DESC
        """,
        [year, year],
    )


def enclosure_occupancy():
    return run_sql(
        """
        SELECT e.code, e.name, e.zone, e.max_animals, e.status,
               COUNT(a.id) AS animals
        FROM backoffice_enclosure e
        LEFT JOIN animals_animal a
               ON a.enclosure_id = e.id AND a.status IN ('active', 'quarantine', 'offshow')
        GROUP BY e.id
        ORDER BY e.zone, e.code
        """
    )


def maintenance_backlog():
    return run_sql(
        """
        SELECT j.id, e.code AS enclosure, j.title, j.priority, j.status, j.due_by,
               c.name AS contractor, (CURRENT_DATE - j.due_by) AS days_overdue
        FROM backoffice_maintenancejob j
        JOIN backoffice_enclosure e ON e.id = j.enclosure_id
        LEFT JOIN backoffice_contractor c ON c.id = j.contractor_id
        WHERE j.status NOT IN ('done', 'cancelled')
        ORDER BY j.priority, j.due_by
        """
    )


def habitat_out_of_range(hours=24):
    since = datetime.datetime.now() - datetime.timedelta(hours=hours)
    return run_sql(
        """
        SELECT e.code, e.name, r.sensor_id, r.taken_at, r.temp_c, e.min_temp_c, e.max_temp_c
        FROM enclosure_habitat_reading r
        JOIN backoffice_enclosure e ON e.id = r.enclosure_id
        WHERE r.taken_at >= %s
          AND ((e.min_temp_c IS NOT NULL AND r.temp_c < e.min_temp_c)
            OR (e.max_temp_c IS NOT NULL AND r.temp_c > e.max_temp_c))
        ORDER BY r.taken_at DESC
        """,
        [since],
    )


def keeper_workload(week_start=None):
    ws = start_of_week(week_start or today_local())
    return run_sql(
        """
        SELECT k.staff_number, k.first_name, k.last_name, k.section,
               (SELECT COUNT(*) FROM animals_shift s
                 WHERE s.keeper_id = k.id AND s.date >= %s AND s.date < %s) AS shifts,
               (SELECT COUNT(*) FROM animals_feedinglog f
                 WHERE f.keeper_id = k.id AND f.fed_at >= %s AND f.fed_at < %s) AS feeds_logged,
               (SELECT COUNT(*) FROM animals_leaverequest l
                 WHERE l.keeper_id = k.id AND l.status = 'approved'
                   AND l.start_date < %s AND l.end_date >= %s) AS on_leave
        FROM animals_keeper k
        WHERE k.is_active
        ORDER BY k.section, k.last_name
        """,
        [ws, ws + datetime.timedelta(days=7)] * 3,
    )


def expiring_certificates(days=60):
    return run_sql(
        """
        SELECT k.staff_number, k.first_name, k.last_name, c.course, c.expires_on
        FROM backoffice_trainingcertificate c
        JOIN animals_keeper k ON k.id = c.keeper_id
        WHERE k.is_active AND c.expires_on IS NOT NULL
          AND c.expires_on <= CURRENT_DATE + %s
        ORDER BY c.expires_on
        """,
        [days],
    )


def education_summary(start, end):
    schools = run_sql(
        """
        SELECT sv.key_stage, COUNT(*) AS visits, SUM(sv.pupils) AS pupils, SUM(sv.total) AS income
        FROM website_schoolvisit sv
        WHERE sv.visit_date BETWEEN %s AND %s AND sv.status IN ('booked', 'invoiced', 'paid')
        GROUP BY sv.key_stage
        ORDER BY sv.key_stage
        """,
        [start, end],
    )
    events = run_sql(
        """
        SELECT e.event_type, COUNT(DISTINCT e.id) AS events, COALESCE(SUM(b.quantity), 0) AS attendees
        FROM website_event e
        LEFT JOIN website_eventbooking b ON b.event_id = e.id AND b.status IN ('confirmed', 'attended')
        WHERE DATE(e.starts_at) BETWEEN %s AND %s
        GROUP BY e.event_type
        """,
        [start, end],
    )
    return {"schools": schools, "events": events}
