"""Management reports. Most of these are raw SQL because the ORM versions
timed out on the Shoreditch data (see OPS-88)."""
import datetime
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Q, Sum
from django.utils import timezone

from common.db import dictfetchall, fetch_scalar
from common.dates import month_range
from community.models import Event, EventRSVP
from facilities.models import MaintenanceTicket
from frontdesk.models import Visit
from members.models import Membership


def revenue_by_month(year, location_id=None):
    sql = """
        SELECT date_trunc('month', i.issue_date) AS month,
               SUM(i.subtotal) AS net, SUM(i.tax) AS tax, SUM(i.total) AS gross,
               SUM(CASE WHEN i.status = 'paid' THEN i.total ELSE 0 END) AS collected
        FROM invoices i
        WHERE EXTRACT(year FROM i.issue_date) = %s AND i.status <> 'void'
    """
    params = [year]
    if location_id:
        sql += " AND i.location_id = %s"
        params.append(location_id)
    sql += " GROUP BY 1 ORDER BY 1"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dictfetchall(cursor)


def mrr(day=None):
    day = day or timezone.localdate()
    total = Decimal("0")
    for m in Membership.objects.active_on(day).select_related("plan"):
        total += (m.price_override or m.plan.monthly_price) * m.seats
    return total


def outstanding_debt():
    return fetch_scalar("""
        SELECT SUM(i.total) - COALESCE(SUM(p.paid), 0)
        FROM invoices i
        LEFT JOIN (SELECT invoice_id, SUM(amount) AS paid FROM core_payment
                   WHERE status = 'succeeded' GROUP BY invoice_id) p ON p.invoice_id = i.id
        WHERE i.status IN ('open', 'overdue')
    """, default=Decimal("0"))


def active_members_by_plan(day=None):
    day = day or timezone.localdate()
    return list(Membership.objects.active_on(day).values("plan__name", "location__code")
                .annotate(members=Count("member", distinct=True), seats=Sum("seats"))
                .order_by("location__code", "plan__name"))


def churn_rate(month_day):
    first, last = month_range(month_day)
    start_count = Membership.objects.active_on(first).count()
    if not start_count:
        return 0.0
    ended = Membership.objects.filter(end_date__gte=first, end_date__lte=last,
                                      status__in=[Membership.ENDED, Membership.CANCELLED]).count()
    return round(100.0 * ended / start_count, 2)


def occupancy_by_location(day):
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT loc.code, loc.capacity,
                   (SELECT COUNT(*) FROM desks_deskbooking db JOIN desks_desk d ON d.id = db.desk_id
                     WHERE d.location_id = loc.id AND db.date = %s AND NOT db.cancelled) AS hot_desks_booked,
                   (SELECT COUNT(*) FROM desks_desk d WHERE d.location_id = loc.id
                     AND d.kind = 'dedicated' AND d.assigned_to_id IS NOT NULL) AS dedicated_taken,
                   (SELECT COUNT(DISTINCT c.member_id) FROM desks_deskcheckin c
                     WHERE c.location_id = loc.id AND c.checked_in_at::date = %s) AS checked_in
            FROM core_location loc WHERE loc.active ORDER BY loc.code
        """, [day, day])
        return dictfetchall(cursor)


def room_utilisation(first, last, location_id=None):
    sql = """
        SELECT r.id, r.name, r.capacity,
               SUM(EXTRACT(epoch FROM (b."end" - b.start)) / 3600.0) AS hours_booked,
               COUNT(b.id) AS bookings,
               SUM(CASE WHEN b.status = 'noshow' THEN 1 ELSE 0 END) AS no_shows
        FROM members_meetingroom r
        LEFT JOIN room_bookings b ON b.room_id = r.id AND b.status <> 'cancelled'
             AND b.start::date BETWEEN %s AND %s
        WHERE r.active
    """
    params = [first, last]
    if location_id:
        sql += " AND r.location_id = %s"
        params.append(location_id)
    sql += " GROUP BY r.id, r.name, r.capacity ORDER BY hours_booked DESC NULLS LAST"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dictfetchall(cursor)


def door_activity_heatmap(location_id, days=28):
    since = timezone.now() - datetime.timedelta(days=days)
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT EXTRACT(dow FROM e.occurred_at) AS dow, EXTRACT(hour FROM e.occurred_at) AS hour,
                   COUNT(*) AS entries
            FROM door_logs e JOIN access_door d ON d.id = e.door_id
            WHERE d.location_id = %s AND d.is_entrance AND e.granted AND e.occurred_at >= %s
            GROUP BY 1, 2
        """, [location_id, since])
        return dictfetchall(cursor)


def denied_access_attempts(days=7):
    since = timezone.now() - datetime.timedelta(days=days)
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT e.card_uid, k.status, COUNT(*) AS attempts, MAX(e.occurred_at) AS last_seen
            FROM door_logs e LEFT JOIN access_keycard k ON k.id = e.card_id
            WHERE NOT e.granted AND e.occurred_at >= %s
            GROUP BY e.card_uid, k.status HAVING COUNT(*) > 3 ORDER BY attempts DESC
        """, [since])
        return dictfetchall(cursor)


def ticket_sla(first, last):
    qs = MaintenanceTicket.objects.filter(created_at__date__gte=first, created_at__date__lte=last)
    return qs.values("location__code", "category").annotate(
        total=Count("id"),
        breached=Count("id", filter=Q(escalated=True)),
        open=Count("id", filter=~Q(status=MaintenanceTicket.DONE)))


def visitor_counts(first, last):
    return list(Visit.objects.filter(arrived_at__date__gte=first, arrived_at__date__lte=last)
                .values("location__code").annotate(visits=Count("id"),
                                                   day_passes=Count("id", filter=Q(day_pass=True))))


def event_attendance(first, last):
    return list(Event.objects.filter(starts_at__date__gte=first, starts_at__date__lte=last)
                .annotate(going=Count("rsvps", filter=Q(rsvps__status=EventRSVP.GOING)),
                          attended=Count("rsvps", filter=Q(rsvps__attended=True)))
                .values("title", "starts_at", "capacity", "going", "attended"))
