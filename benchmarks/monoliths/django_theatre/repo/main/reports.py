"""
Reports that were too slow (or too fiddly) in the ORM. Postgres only.

If you add a report here please also add it to the Reports menu in
templates/base_staff.html - Kerry
"""
import datetime
from decimal import Decimal

from django.db import connection

from legacy.helpers import dictfetchall


def _fetch(sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return dictfetchall(cursor)


def sales_by_performance(start, end):
    sql = """
        SELECT p.id AS performance_id,
               pr.title,
               p.starts_at,
               COUNT(t.id) AS tickets,
               COALESCE(SUM(t.price), 0) AS revenue,
               COALESCE(p.capacity_override, (
                   SELECT COUNT(*) FROM seat_map_seat s
                     JOIN backoffice_seatsection sec ON sec.id = s.section_id
                     JOIN backoffice_auditorium a ON a.default_layout_id = sec.plan_id
                    WHERE a.id = p.auditorium_id AND NOT s.is_killed
               )) AS capacity
          FROM performance p
          JOIN core_production pr ON pr.id = p.production_id
     LEFT JOIN main_ticket t ON t.performance_id = p.id AND t.status IN ('valid', 'scanned')
     LEFT JOIN main_order o ON o.id = t.order_id AND o.status IN ('paid', 'part_refunded')
         WHERE o.paid_at >= %s AND o.paid_at < %s
      GROUP BY p.id, pr.title, p.starts_at, p.capacity_override, p.auditorium_id
      ORDER BY p.starts_at
    """
    return _fetch(sql, [start, end])


def sales_by_channel(start, end):
    sql = """
        SELECT o.channel, COUNT(DISTINCT o.id) AS orders, COUNT(t.id) AS tickets, SUM(o.total) AS revenue
          FROM main_order o
     LEFT JOIN main_ticket t ON t.order_id = o.id
         WHERE o.status = 'paid' AND o.paid_at >= %s AND o.paid_at < %s
      GROUP BY o.channel
    """
    return _fetch(sql, [start, end])


def occupancy_report(performance_id):
    sql = """
        SELECT sec.name AS section,
               COUNT(s.id) AS seats,
               COUNT(t.id) AS sold,
               COUNT(h.id) AS held
          FROM performance p
          JOIN backoffice_auditorium a ON a.id = p.auditorium_id
          JOIN backoffice_seatsection sec ON sec.plan_id = COALESCE(p.seating_plan_id, a.default_layout_id)
          JOIN seat_map_seat s ON s.section_id = sec.id AND NOT s.is_killed
     LEFT JOIN main_ticket t ON t.seat_id = s.id AND t.performance_id = p.id AND t.status IN ('valid', 'scanned')
     LEFT JOIN main_seathold h ON h.seat_id = s.id AND h.performance_id = p.id
         WHERE p.id = %s
      GROUP BY sec.name, sec.sort_order
      ORDER BY sec.sort_order
    """
    return _fetch(sql, [performance_id])


def discount_code_usage(since):
    sql = """
        SELECT d.code, d.description, COUNT(o.id) AS orders, COALESCE(SUM(o.discount_amount), 0) AS given_away
          FROM shop_discountcode d
     LEFT JOIN main_order o ON o.discount_code_id = d.id AND o.status = 'paid' AND o.created >= %s
      GROUP BY d.code, d.description
      ORDER BY given_away DESC
    """
    return _fetch(sql, [since])


def season_summary(season_id):
    """Per production: performances, tickets, revenue, average attendance. For the board pack."""
    sql = """
        SELECT pr.id, pr.title, pr.company,
               COUNT(DISTINCT p.id) AS performances,
               COUNT(t.id) AS tickets,
               COALESCE(SUM(t.price), 0) AS revenue,
               ROUND(COUNT(t.id)::numeric / NULLIF(COUNT(DISTINCT p.id), 0), 1) AS avg_attendance
          FROM core_production pr
          JOIN core_season se ON se.id = pr.season_id
     LEFT JOIN performance p ON p.production_id = pr.id AND p.status <> 'cancelled'
     LEFT JOIN main_ticket t ON t.performance_id = p.id AND t.status IN ('valid', 'scanned')
         WHERE se.id = %s
      GROUP BY pr.id, pr.title, pr.company
      ORDER BY revenue DESC
    """
    return _fetch(sql, [season_id])


def donations_by_campaign(year=None):
    year = year or datetime.date.today().year
    sql = """
        SELECT c.code, c.name, c.target,
               COALESCE(g.total, 0) + COALESCE(d.total, 0) AS raised,
               COALESCE(g.n, 0) + COALESCE(d.n, 0) AS gifts
          FROM backoffice_fundraisingcampaign c
     LEFT JOIN (SELECT campaign_id, SUM(amount) AS total, COUNT(*) AS n
                  FROM tbl_gifts WHERE EXTRACT(YEAR FROM date_received) = %s
              GROUP BY campaign_id) g ON g.campaign_id = c.id
     LEFT JOIN (SELECT campaign_id, SUM(amount) AS total, COUNT(*) AS n
                  FROM shop_donation
                 WHERE EXTRACT(YEAR FROM created) = %s AND transferred_to_gift_id IS NULL
              GROUP BY campaign_id) d ON d.campaign_id = c.id
      ORDER BY raised DESC
    """
    return _fetch(sql, [year, year])


def cashup_variance_report(start, end):
    sql = """
        SELECT ts.id AS session_id, tl.name AS till, ts.opened_at, ts.opened_by_id AS operator_id,
               cu.expected_cash, cu.counted_cash, cu.variance, cu.card_total, cu.terminal_total,
               cu.card_total - cu.terminal_total AS card_diff
          FROM backoffice_cashup cu
          JOIN backoffice_tillsession ts ON ts.id = cu.session_id
          JOIN backoffice_till tl ON tl.id = ts.till_id
         WHERE ts.opened_at >= %s AND ts.opened_at < %s
      ORDER BY ABS(cu.variance) DESC, ts.opened_at
    """
    return _fetch(sql, [start, end])


def payments_by_method(day):
    sql = """
        SELECT method, status, COUNT(*) AS n, SUM(amount) AS total, SUM(refunded_amount) AS refunded
          FROM shop_payment
         WHERE created::date = %s
      GROUP BY method, status
      ORDER BY method
    """
    return _fetch(sql, [day])


def membership_stats():
    sql = """
        SELECT mt.name AS tier,
               SUM(CASE WHEN m.status = 'active' THEN 1 ELSE 0 END) AS active,
               SUM(CASE WHEN m.status = 'lapsed' THEN 1 ELSE 0 END) AS lapsed,
               SUM(CASE WHEN m.status = 'active' AND m.expires_on < CURRENT_DATE + 60 THEN 1 ELSE 0 END) AS due_60,
               SUM(CASE WHEN m.auto_renew THEN 1 ELSE 0 END) AS auto_renew
          FROM main_membershiptier mt
     LEFT JOIN main_membership m ON m.tier_id = mt.id
      GROUP BY mt.name, mt.annual_fee
      ORDER BY mt.annual_fee
    """
    return _fetch(sql)


def volunteer_hours_report(year):
    sql = """
        SELECT v.id, v.fname, v.sname,
               COUNT(a.id) AS shifts,
               SUM(COALESCE(a.hours, EXTRACT(EPOCH FROM (s.ends_at - s.starts_at)) / 3600.0)) AS hours,
               SUM(CASE WHEN a.status = 'no_show' THEN 1 ELSE 0 END) AS no_shows
          FROM vol_volunteer v
     LEFT JOIN backoffice_shiftassignment a ON a.volunteer_id = v.id
     LEFT JOIN backoffice_ushershift s ON s.id = a.shift_id AND EXTRACT(YEAR FROM s.starts_at) = %s
         WHERE v.active
      GROUP BY v.id, v.fname, v.sname
      ORDER BY hours DESC NULLS LAST
    """
    return _fetch(sql, [year])


def mailing_performance(mailing_id):
    sql = """
        SELECT m.subject,
               COUNT(r.id) AS sent,
               SUM(CASE WHEN r.opened_at IS NOT NULL THEN 1 ELSE 0 END) AS opened,
               SUM(CASE WHEN r.clicked_at IS NOT NULL THEN 1 ELSE 0 END) AS clicked,
               SUM(CASE WHEN r.bounced THEN 1 ELSE 0 END) AS bounced,
               SUM(CASE WHEN r.unsubscribed THEN 1 ELSE 0 END) AS unsubscribed
          FROM mail_mailing m
          JOIN mail_recipient r ON r.mailing_id = m.id
         WHERE m.id = %s
      GROUP BY m.subject
    """
    rows = _fetch(sql, [mailing_id])
    return rows[0] if rows else None
