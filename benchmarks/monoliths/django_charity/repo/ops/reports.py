from django.db import connection

from utils.db import dictfetchall, run_sql


def volunteer_hours_by_role(start, end):
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT r.title, r.location, SUM(t.hours) AS hours, COUNT(DISTINCT t.volunteer_id) AS people
            FROM ops_timesheet t
            JOIN ops_shiftassignment a ON a.id = t.assignment_id
            JOIN ops_shift s ON s.id = a.shift_id
            JOIN ops_volunteerrole r ON r.id = s.role_id
            WHERE t.worked_on BETWEEN %s AND %s AND t.approved
            GROUP BY r.title, r.location ORDER BY hours DESC
        """, [start, end])
        return dictfetchall(cursor)


def event_attendance(event_id):
    return run_sql("""
        SELECT tt.name, tt.price, COUNT(a.id) AS sold,
               SUM(CASE WHEN a.checked_in IS NOT NULL THEN 1 ELSE 0 END) AS checked_in
        FROM ops_tickettype tt
        LEFT JOIN ops_attendee a ON a.ticket_type_id = tt.id
        LEFT JOIN ops_booking b ON b.id = a.booking_id AND NOT b.cancelled
        WHERE tt.event_id = %s
        GROUP BY tt.name, tt.price
    """, [event_id])


def grant_spend_by_region(year):
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT p.region, COUNT(DISTINCT aw.id) AS awards, SUM(gp.amount) AS paid
            FROM grant_payments gp
            JOIN ops_grantaward aw ON aw.id = gp.award_id
            JOIN ops_grantapplication ap ON ap.id = aw.application_id
            JOIN ops_partner p ON p.id = ap.partner_id
            WHERE EXTRACT(year FROM gp.paid_on) = %s
            GROUP BY p.region
        """, [year])
        return dictfetchall(cursor)


def restricted_fund_position():
    """Restricted income raised vs granted out, per fund (campaign)."""
    return run_sql("""
        SELECT c.code, c.restricted_fund, c.raised,
               COALESCE(SUM(aw.amount), 0) AS committed
        FROM core_campaign c
        LEFT JOIN ops_grantaward aw ON aw.funding_campaign_id = c.id
        WHERE c.restricted_fund <> ''
        GROUP BY c.code, c.restricted_fund, c.raised
    """)
