"""Manager reports. Raw SQL because the ORM versions timed out on the Leeds database."""
from django.db import connection

from common.utils import dictfetchall, month_bounds


def _rows(sql, params=()):
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return dictfetchall(cur)


def revenue_by_kind(start, end, club_id=None):
    sql = ("SELECT l.kind, SUM(l.qty * l.unit_price) AS total FROM core_invoiceline l "
           "JOIN core_invoice i ON i.id = l.invoice_id "
           "LEFT JOIN core_membership ms ON ms.id = i.membership_id "
           "WHERE i.issued BETWEEN %s AND %s AND i.status <> 'void'")
    params = [start, end]
    if club_id:
        sql += " AND (ms.club_id = %s OR ms.id IS NULL)"
        params.append(club_id)
    return _rows(sql + " GROUP BY l.kind ORDER BY total DESC", params)


def arrears(club_id=None):
    sql = ("SELECT m.member_no, m.first_name, m.last_name, SUM(i.total) AS owed, "
           "MIN(i.due) AS oldest FROM core_invoice i JOIN core_member m ON m.id = i.member_id "
           "WHERE i.status IN ('open', 'failed') AND i.due < CURRENT_DATE ")
    params = []
    if club_id:
        sql += "AND m.home_club_id = %s "
        params.append(club_id)
    return _rows(sql + "GROUP BY m.member_no, m.first_name, m.last_name ORDER BY owed DESC",
                 params)


def visits_by_hour(club_id, start, end):
    return _rows("SELECT EXTRACT(hour FROM at) AS hour, COUNT(*) AS visits FROM tbl_checkin "
                 "WHERE club_id = %s AND granted AND at::date BETWEEN %s AND %s "
                 "GROUP BY 1 ORDER BY 1", [club_id, start, end])


def class_fill(club_id, start, end):
    return _rows(
        "SELECT t.name, COUNT(DISTINCT s.id) AS sessions, "
        "SUM(CASE WHEN b.status = 'attended' THEN 1 ELSE 0 END) AS attended, "
        "SUM(CASE WHEN b.status = 'no_show' THEN 1 ELSE 0 END) AS no_shows, "
        "SUM(COALESCE(s.capacity, st.capacity)) AS places "
        "FROM common_classsession s JOIN common_classtype t ON t.id = s.class_type_id "
        "JOIN common_studio st ON st.id = s.studio_id "
        "LEFT JOIN common_booking b ON b.session_id = s.id "
        "WHERE st.club_id = %s AND s.starts_at::date BETWEEN %s AND %s AND NOT s.cancelled "
        "GROUP BY t.name ORDER BY attended DESC", [club_id, start, end])


def retail_margin(club_id, month=None):
    start, end = month_bounds(month)
    return _rows("SELECT p.category, SUM(l.qty * l.unit_price) AS sales, "
                 "SUM(l.qty * (l.unit_price - p.cost)) AS margin FROM legacy_saleline l "
                 "JOIN legacy_sale s ON s.id = l.sale_id JOIN pos_product p ON p.id = l.product_id "
                 "WHERE s.club_id = %s AND NOT s.voided AND s.at::date BETWEEN %s AND %s "
                 "GROUP BY p.category", [club_id, start, end])


def pt_league(club_id, start, end):
    return _rows("SELECT t.display_name, COUNT(s.id) AS sessions FROM dashboard_ptsession s "
                 "JOIN dashboard_trainer t ON t.id = s.trainer_id WHERE t.club_id = %s "
                 "AND s.status = 'done' AND s.starts_at::date BETWEEN %s AND %s "
                 "GROUP BY t.display_name ORDER BY sessions DESC", [club_id, start, end])


def churn(month=None):
    start, end = month_bounds(month)
    return _rows("SELECT p.name, COUNT(*) AS leavers, cancel_reason FROM core_membership ms "
                 "JOIN core_membershipplan p ON p.id = ms.plan_id "
                 "WHERE ms.end_date BETWEEN %s AND %s AND ms.status IN ('cancelled','expired') "
                 "GROUP BY p.name, cancel_reason", [start, end])
