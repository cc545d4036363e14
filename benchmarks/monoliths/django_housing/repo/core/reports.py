"""
Management reports.  Raw SQL because the ORM version took 40s on the
occupancy report (2016).  Each report reads whatever it needs.
"""
import datetime

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.shortcuts import render
from django.utils import timezone

from common.db import dictfetchall
from common.decorators import role_required
from common.utils import csv_response, current_term


def _run(sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return dictfetchall(cursor)


def occupancy_report(term):
    return _run("""
        SELECT h.name AS hall, rt.code AS room_type,
               COUNT(b.id) AS beds,
               COUNT(a.id) FILTER (WHERE a.status = 'active') AS occupied,
               COUNT(a.id) FILTER (WHERE a.status = 'pending') AS offered,
               COUNT(b.id) FILTER (WHERE r.offline) AS offline_beds,
               (SELECT COUNT(*) FROM core_waitlistentry w WHERE w.term = %s AND w.removed = FALSE) AS waitlist
          FROM housing_bed b
          JOIN housing_room r ON r.id = b.room_id
          JOIN housing_roomtype rt ON rt.id = r.room_type_id
          JOIN housing_hall h ON h.id = r.hall_id
          LEFT JOIN core_roomassignment a ON a.bed_id = b.id AND a.term = %s
                                         AND a.status IN ('active', 'pending')
         WHERE b.is_active = TRUE
         GROUP BY h.name, rt.code
         ORDER BY h.name, rt.code
    """, [term, term])


def revenue_by_hall(term):
    return _run("""
        SELECT h.name AS hall,
               SUM(c.amount) FILTER (WHERE c.kind IN ('rent', 'proration')) AS rent_billed,
               SUM(c.amount_paid) FILTER (WHERE c.kind IN ('rent', 'proration')) AS rent_collected,
               SUM(c.amount) FILTER (WHERE c.kind NOT IN ('rent', 'proration')) AS fees_billed,
               COUNT(DISTINCT c.resident_id) AS residents
          FROM core_rentcharge c
          JOIN core_roomassignment a ON a.id = c.assignment_id
          JOIN housing_bed b ON b.id = a.bed_id
          JOIN housing_room r ON r.id = b.room_id
          JOIN housing_hall h ON h.id = r.hall_id
         WHERE c.term = %s AND c.status <> 'void'
         GROUP BY h.name
         ORDER BY h.name
    """, [term])


def maintenance_backlog_report():
    return _run("""
        SELECT h.name AS hall, w.category, w.priority,
               COUNT(*) AS open_orders,
               COUNT(*) FILTER (WHERE w.due_at < NOW()) AS overdue,
               AVG(EXTRACT(EPOCH FROM (NOW() - w.created_at)) / 3600)::int AS avg_age_hours
          FROM maint_request w
          LEFT JOIN housing_room r ON r.id = w.room_id
          LEFT JOIN housing_hall h ON h.id = r.hall_id
         WHERE w.status NOT IN ('closed', 'cancelled')
         GROUP BY h.name, w.category, w.priority
         ORDER BY overdue DESC, open_orders DESC
    """)


def incidents_by_hall(since):
    return _run("""
        SELECT h.name AS hall, i.incident_type, COUNT(*) AS incidents,
               COUNT(DISTINCT p.resident_id) FILTER (WHERE p.role = 'respondent') AS respondents,
               COUNT(s.id) AS sanctions
          FROM community_incident i
          JOIN housing_hall h ON h.id = i.hall_id
          LEFT JOIN community_incidentparty p ON p.incident_id = i.id
          LEFT JOIN community_sanction s ON s.incident_id = i.id
         WHERE i.occurred_at >= %s AND i.confidential = FALSE
         GROUP BY h.name, i.incident_type
         ORDER BY h.name, incidents DESC
    """, [since])


def hall_snapshot(hall_id, term):
    """One-pager for hall directors.  Pulls from everywhere."""
    snap = {}
    snap["beds"] = _run("""
        SELECT COUNT(b.id) AS beds,
               COUNT(a.id) AS occupied
          FROM housing_bed b
          JOIN housing_room r ON r.id = b.room_id
          LEFT JOIN core_roomassignment a ON a.bed_id = b.id AND a.term = %s AND a.status = 'active'
         WHERE r.hall_id = %s AND b.is_active = TRUE
    """, [term, hall_id])[0]
    snap["workorders"] = _run("""
        SELECT w.priority, COUNT(*) AS n FROM maint_request w
          JOIN housing_room r ON r.id = w.room_id
         WHERE r.hall_id = %s AND w.status NOT IN ('closed', 'cancelled')
         GROUP BY w.priority
    """, [hall_id])
    snap["events"] = _run("""
        SELECT e.title, e.starts_at, COUNT(v.id) AS rsvps
          FROM community_event e LEFT JOIN community_eventrsvp v ON v.event_id = e.id
         WHERE e.hall_id = %s AND e.term = %s AND e.cancelled = FALSE
         GROUP BY e.id, e.title, e.starts_at ORDER BY e.starts_at
    """, [hall_id, term])
    snap["staff"] = _run("""
        SELECT s.role, s.on_call, s.phone FROM accounts_staffprofile s WHERE s.hall_id = %s
    """, [hall_id])
    snap["amenities"] = _run("SELECT name, floor FROM housing_hallamenity WHERE hall_id = %s", [hall_id])
    return snap


@role_required("director", "assignments", "finance", "facilities", "conduct", "hall_director")
def reports_index(request):
    term = request.GET.get("term") or current_term()
    which = request.GET.get("report", "occupancy")
    if which == "occupancy":
        rows = occupancy_report(term)
    elif which == "revenue":
        rows = revenue_by_hall(term)
    elif which == "maintenance":
        rows = maintenance_backlog_report()
    elif which == "incidents":
        rows = incidents_by_hall(timezone.now() - datetime.timedelta(days=int(request.GET.get("days", 90))))
    else:
        rows = []
    if request.GET.get("format") == "csv" and rows:
        header = list(rows[0].keys())
        return csv_response("%s_%s.csv" % (which, term), header, [[r[h] for h in header] for r in rows])
    return render(request, "core/reports.html", {"rows": rows, "report": which, "term": term})


@login_required
def hall_snapshot_view(request, hall_id):
    return render(request, "core/hall_snapshot.html",
                  {"snap": hall_snapshot(hall_id, request.GET.get("term") or current_term())})
