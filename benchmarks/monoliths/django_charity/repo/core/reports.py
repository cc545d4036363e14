"""Raw SQL reports for the finance and fundraising teams.

These used to be Metabase queries; moved here so they can be scheduled.
"""
from django.db import connection

from utils.db import dictfetchall


def income_by_campaign(start, end):
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT c.code, c.name, c.target, COUNT(d.id) AS gifts, SUM(d.amount) AS income
            FROM core_donation d
            JOIN core_campaign c ON c.id = d.campaign_id
            WHERE d.received BETWEEN %s AND %s AND d.refunded = false
            GROUP BY c.code, c.name, c.target
            ORDER BY income DESC
        """, [start, end])
        return dictfetchall(cursor)


def appeal_roi(campaign_id):
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT a.code, a.channel, a.mailed_count, a.cost,
                   COALESCE(SUM(d.amount), 0) AS income,
                   COUNT(d.id) AS responses
            FROM core_appeal a
            LEFT JOIN core_donation d ON d.appeal_id = a.id AND d.refunded = false
            WHERE a.campaign_id = %s
            GROUP BY a.code, a.channel, a.mailed_count, a.cost
        """, [campaign_id])
        rows = dictfetchall(cursor)
    for r in rows:
        r["roi"] = (r["income"] / r["cost"]) if r["cost"] else None
        r["response_rate"] = (r["responses"] * 100.0 / r["mailed_count"]) if r["mailed_count"] else 0
    return rows


def giftaid_outstanding():
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT date_trunc('month', d.received) AS month, SUM(d.amount) AS donations,
                   SUM(d.amount) * 0.25 AS potential
            FROM core_donation d
            WHERE d.gift_aid_eligible AND NOT d.gift_aid_claimed AND NOT d.refunded
            GROUP BY 1 ORDER BY 1
        """)
        return dictfetchall(cursor)


def lapsed_donors(months=18):
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT s.ref, s.first_name, s.last_name, s.last_gift_date, s.lifetime_value
            FROM core_supporter s
            WHERE s.last_gift_date < now() - (%s || ' months')::interval
              AND s.deceased = false AND s.merged_into_id IS NULL
              AND NOT EXISTS (SELECT 1 FROM crm_recurringgift r
                              WHERE r.supporter_id = s.id AND r.status = 'active')
            ORDER BY s.lifetime_value DESC
        """, [months])
        return dictfetchall(cursor)


def monthly_income_summary(year):
    """Board pack: all unrestricted income streams by month."""
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT m.month,
                   (SELECT COALESCE(SUM(amount),0) FROM core_donation
                     WHERE date_trunc('month', received) = m.month AND NOT refunded) AS donations,
                   (SELECT COALESCE(SUM(total),0) FROM web_order
                     WHERE date_trunc('month', placed) = m.month AND status = 'paid') AS shop,
                   (SELECT COALESCE(SUM(total_paid),0) FROM ops_booking
                     WHERE date_trunc('month', booked_at) = m.month AND NOT cancelled) AS events
            FROM generate_series(make_date(%s,1,1), make_date(%s,12,1), '1 month') AS m(month)
        """, [year, year])
        return dictfetchall(cursor)
