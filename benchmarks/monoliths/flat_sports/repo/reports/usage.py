"""Usage reports for the centre managers."""
from db import query_all
from reports import register


@register('utilisation', 'Facility utilisation')
def facility_utilisation(d1, d2):
    rows = query_all(
        """SELECT s.name AS site, f.name AS facility, f.kind,
                  count(b.id) AS bookings,
                  COALESCE(sum(extract(epoch from (b.ends_at - b.starts_at)) / 3600.0), 0) AS hours_booked,
                  (%s::date - %s::date + 1) * extract(epoch from (s.closes_at - s.opens_at)) / 3600.0 AS hours_open
           FROM facilities f JOIN sites s ON s.id = f.site_id
           LEFT JOIN bookings b ON b.facility_id = f.id AND b.status = 'confirmed'
                AND b.starts_at::date BETWEEN %s AND %s
           WHERE f.is_bookable
           GROUP BY s.name, f.name, f.kind, s.closes_at, s.opens_at ORDER BY s.name, f.name""",
        (d2, d1, d1, d2))
    for r in rows:
        r['pct'] = round(100.0 * float(r['hours_booked']) / float(r['hours_open']), 1) if r['hours_open'] else 0
    return {'columns': ['site', 'facility', 'kind', 'bookings', 'hours_booked', 'pct'], 'rows': rows}


@register('cancellations', 'Booking cancellations')
def cancellations(d1, d2):
    rows = query_all(
        """SELECT f.name AS facility, count(*) AS n, sum(c.refund_due_pence) AS refunds_pence,
                  count(*) FILTER (WHERE c.by_staff_id IS NOT NULL) AS by_staff
           FROM booking_cancellations c JOIN bookings b ON b.id = c.booking_id
           JOIN facilities f ON f.id = b.facility_id
           WHERE c.cancelled_at::date BETWEEN %s AND %s GROUP BY f.name ORDER BY n DESC""", (d1, d2))
    return {'columns': ['facility', 'n', 'by_staff', 'refunds_pence'], 'rows': rows}


@register('visits', 'Visits by membership plan / pass')
def visits_by_plan(d1, d2):
    rows = query_all(
        """SELECT s.name AS site, COALESCE(p.name, ps.pass_type) AS product, count(*) AS visits
           FROM pass_visits v JOIN sites s ON s.id = v.site_id
           LEFT JOIN memberships m ON m.id = v.membership_id
           LEFT JOIN membership_plans p ON p.id = m.plan_id
           LEFT JOIN passes ps ON ps.id = v.pass_id
           WHERE v.visited_at::date BETWEEN %s AND %s
           GROUP BY 1, 2 ORDER BY 1, 3 DESC""", (d1, d2))
    return {'columns': ['site', 'product', 'visits'], 'rows': rows}


@register('course_fill', 'Course fill rates')
def course_fill_rates(d1, d2):
    rows = query_all(
        """SELECT t.name AS term, c.title, c.capacity,
                  count(e.id) FILTER (WHERE e.status = 'confirmed') AS confirmed,
                  (SELECT count(*) FROM waiting_list w WHERE w.course_id = c.id AND NOT w.declined) AS waiting
           FROM courses c JOIN course_terms t ON t.id = c.term_id
           LEFT JOIN enrolments e ON e.course_id = c.id
           WHERE t.starts_on <= %s AND t.ends_on >= %s
           GROUP BY t.name, c.id, c.title, c.capacity ORDER BY c.title""", (d2, d1))
    return {'columns': ['term', 'title', 'capacity', 'confirmed', 'waiting'], 'rows': rows}


@register('league_participation', 'League participation')
def league_participation(d1, d2):
    rows = query_all(
        """SELECT l.name, l.season, count(DISTINCT t.id) AS teams, count(tp.id) AS players
           FROM leagues l LEFT JOIN teams t ON t.league_id = l.id AND NOT t.withdrawn
           LEFT JOIN team_players tp ON tp.team_id = t.id
           GROUP BY l.id, l.name, l.season ORDER BY l.season DESC, l.name""")
    return {'columns': ['name', 'season', 'teams', 'players'], 'rows': rows}
