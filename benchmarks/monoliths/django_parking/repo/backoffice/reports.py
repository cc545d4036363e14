"""Raw SQL reports. The ORM versions were too slow on the 60M row sensor table.

All of these run on the read replica.
"""
import csv
import io

from django.db import connection, connections
from django.http import HttpResponse

from shared.db import dictfetchall


def _execute(sql, params=None, using="replica"):
    try:
        conn = connections[using]
    except Exception:
        conn = connection
    with conn.cursor() as cursor:
        cursor.execute(sql, params or [])
        return dictfetchall(cursor)


def export_report_csv(rows, filename):
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="%s"' % filename
    if not rows:
        return response
    writer = csv.DictWriter(response, fieldnames=list(rows[0].keys()))
    writer.writeheader()
    writer.writerows(rows)
    return response


def daily_takings(day):
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT p.purpose, p.method, COUNT(*) AS n, SUM(p.amount_pence) AS gross,
                   COALESCE(SUM(r.refunded), 0) AS refunded
              FROM main_payment p
              LEFT JOIN (SELECT payment_id, SUM(amount_pence) AS refunded
                           FROM backoffice_refund WHERE status = 'paid'
                          GROUP BY payment_id) r ON r.payment_id = p.id
             WHERE p.status IN ('captured', 'refunded', 'part_refunded')
               AND p.captured_at::date = %s
             GROUP BY p.purpose, p.method
             ORDER BY p.purpose, p.method
        """, [day])
        return dictfetchall(cursor)


def takings_by_channel(start, end):
    return _execute("""
        SELECT CASE WHEN p.purpose IN ('session', 'extension') THEN s.channel
                    WHEN p.purpose = 'machine' THEN 'machine'
                    ELSE 'web' END AS channel,
               SUM(p.amount_pence) AS total_pence, COUNT(*) AS n
          FROM main_payment p
          LEFT JOIN main_parkingsession s ON s.payment_id = p.id
         WHERE p.status = 'captured' AND p.captured_at >= %s AND p.captured_at < %s
         GROUP BY 1 ORDER BY 2 DESC
    """, [start, end])


def cash_variance_report(start, end):
    # cash bags counted vs what the machines said they took (machine sales are Payments)
    return _execute("""
        SELECT m.asset_number, c.bag_number, c.collected_at, c.counted_pence,
               (SELECT COALESCE(SUM(p.amount_pence), 0) FROM main_payment p
                 WHERE p.machine_id = m.id AND p.method = 'cash'
                   AND p.captured_at <= c.collected_at
                   AND p.captured_at > COALESCE((SELECT MAX(c2.collected_at)
                                                   FROM backoffice_cashcollection c2
                                                  WHERE c2.machine_id = m.id
                                                    AND c2.collected_at < c.collected_at), '1970-01-01'))
                 AS recorded_pence
          FROM backoffice_cashcollection c
          JOIN backoffice_paymachine m ON m.id = c.machine_id
         WHERE c.collected_at BETWEEN %s AND %s
         ORDER BY m.asset_number, c.collected_at
    """, [start, end])


def occupancy_report(carpark_id, start, end):
    return _execute("""
        SELECT date_trunc('hour', r.recorded_at) AS hour,
               COUNT(DISTINCT b.id) FILTER (WHERE r.occupied) AS occupied_bays,
               (SELECT COUNT(*) FROM main_bay WHERE carpark_id = %s) AS total_bays
          FROM sensor_readings r
          JOIN main_baysensor s ON s.id = r.sensor_id
          JOIN main_bay b ON b.id = s.bay_id
         WHERE b.carpark_id = %s AND r.recorded_at BETWEEN %s AND %s
         GROUP BY 1 ORDER BY 1
    """, [carpark_id, carpark_id, start, end])


def session_revenue_by_zone(start, end):
    return _execute("""
        SELECT z.code, z.name, COUNT(s.id) AS sessions,
               SUM(s.price_pence) AS revenue_pence,
               AVG(EXTRACT(EPOCH FROM (COALESCE(s.ended_at, s.expires_at) - s.started_at)) / 60)::int
                   AS avg_minutes
          FROM main_parkingsession s
          JOIN main_zone z ON z.id = s.zone_id
         WHERE s.started_at BETWEEN %s AND %s AND s.status <> 'cancelled'
         GROUP BY z.code, z.name
         ORDER BY revenue_pence DESC
    """, [start, end])


def pcn_statistics(start, end):
    return _execute("""
        SELECT c.code, c.description, COUNT(n.id) AS issued,
               COUNT(n.id) FILTER (WHERE n.status = 'paid') AS paid,
               COUNT(n.id) FILTER (WHERE n.status = 'cancelled') AS cancelled,
               COUNT(a.id) AS appeals,
               COUNT(a.id) FILTER (WHERE a.decision = 'accepted') AS appeals_upheld
          FROM pcn_notice n
          JOIN main_contraventioncode c ON c.id = n.contravention_id
          LEFT JOIN backoffice_appeal a ON a.penalty_notice_id = n.id
         WHERE n.issued_at BETWEEN %s AND %s
         GROUP BY c.code, c.description
         ORDER BY issued DESC
    """, [start, end])


def officer_productivity(start, end):
    return _execute("""
        SELECT o.badge_number,
               COUNT(DISTINCT n.id) AS pcns,
               COALESCE(SUM(p.vehicles_checked), 0) AS checks,
               COUNT(DISTINCT w.id) AS warnings
          FROM backoffice_civilofficer o
          LEFT JOIN pcn_notice n ON n.officer_id = o.id AND n.issued_at BETWEEN %s AND %s
          LEFT JOIN backoffice_patrollog p ON p.officer_id = o.id AND p.started_at BETWEEN %s AND %s
          LEFT JOIN legacy_warningnotice w ON w.officer_id = o.id AND w.issued_at BETWEEN %s AND %s
         WHERE o.active
         GROUP BY o.badge_number
         ORDER BY pcns DESC
    """, [start, end, start, end, start, end])


def permit_uptake_by_zone():
    return _execute("""
        SELECT z.code, t.name AS permit_type, COUNT(p.id) AS active_permits,
               (SELECT COUNT(*) FROM permit_waitinglist w WHERE w.zone_id = z.id) AS waiting
          FROM main_zone z
          JOIN main_permit p ON p.zone_id = z.id AND p.status = 'active'
          JOIN main_permittype t ON t.id = p.permit_type_id
         WHERE z.is_cpz
         GROUP BY z.id, z.code, t.name
         ORDER BY z.code
    """)


def machine_uptime(start, end):
    return _execute("""
        SELECT m.asset_number, cp.name AS carpark,
               COUNT(f.id) AS faults,
               COALESCE(SUM(EXTRACT(EPOCH FROM (COALESCE(f.resolved_at, %s) - f.created_at)) / 3600), 0)
                   AS hours_down,
               COUNT(w.id) FILTER (WHERE w.sla_breached) AS sla_breaches
          FROM backoffice_paymachine m
          LEFT JOIN main_carpark cp ON cp.id = m.carpark_id
          LEFT JOIN backoffice_faultreport f ON f.machine_id = m.id AND f.created_at BETWEEN %s AND %s
          LEFT JOIN backoffice_workorder w ON w.fault_id = f.id
         WHERE m.status <> 'removed'
         GROUP BY m.asset_number, cp.name
         ORDER BY hours_down DESC
    """, [end, start, end])
