"""Raw SQL for the management reports. The ORM versions were too slow on the
old VPS (2020). Table names are the Django defaults - careful when renaming models!"""
from django.db import connection

from utils.db import dictfetchall


def occupancy_by_pontoon(on_date):
    with connection.cursor() as cur:
        cur.execute("""
            SELECT p.code, p.name, count(b.id) AS berths,
                   count(a.id) AS occupied
            FROM main_pontoon p
            JOIN main_berth b ON b.pontoon_id = p.id AND NOT b.out_of_service
            LEFT JOIN main_berthallocation a ON a.berth_id = b.id
                 AND a.status IN ('confirmed', 'provisional')
                 AND a.start_date <= %s AND (a.end_date IS NULL OR a.end_date >= %s)
            GROUP BY p.code, p.name ORDER BY p.code
        """, [on_date, on_date])
        return dictfetchall(cur)


def revenue_by_month(start, end):
    with connection.cursor() as cur:
        cur.execute("""
            SELECT date_trunc('month', i.issue_date) AS month, i.source,
                   sum(i.net_total) AS net, sum(i.gross_total) AS gross
            FROM main_invoice i
            WHERE i.status <> 'void' AND i.issue_date >= %s AND i.issue_date < %s
            GROUP BY 1, 2 ORDER BY 1, 2
        """, [start, end])
        return dictfetchall(cur)


def debtor_ages():
    with connection.cursor() as cur:
        cur.execute("""
            SELECT o.account_ref, o.surname, o.first_name,
                   sum(CASE WHEN current_date - i.due_date <= 0 THEN i.gross_total - i.amount_paid ELSE 0 END) AS current,
                   sum(CASE WHEN current_date - i.due_date BETWEEN 1 AND 30 THEN i.gross_total - i.amount_paid ELSE 0 END) AS d30,
                   sum(CASE WHEN current_date - i.due_date BETWEEN 31 AND 60 THEN i.gross_total - i.amount_paid ELSE 0 END) AS d60,
                   sum(CASE WHEN current_date - i.due_date > 60 THEN i.gross_total - i.amount_paid ELSE 0 END) AS d90
            FROM main_invoice i JOIN boats_owner o ON o.id = i.owner_id
            WHERE i.status IN ('issued', 'part_paid')
            GROUP BY o.account_ref, o.surname, o.first_name
            ORDER BY d90 DESC, d60 DESC
        """)
        return dictfetchall(cur)


def fuel_litres_by_month(start, end):
    with connection.cursor() as cur:
        cur.execute("""
            SELECT date_trunc('month', s.at) AS month, t.fuel_type,
                   sum(s.litres) AS litres, sum(s.total) AS takings
            FROM fuel_sales s JOIN shop_fueltank t ON t.id = s.tank_id
            WHERE s.at >= %s AND s.at < %s
            GROUP BY 1, 2 ORDER BY 1, 2
        """, [start, end])
        return dictfetchall(cur)


def yard_days(start, end):
    with connection.cursor() as cur:
        cur.execute("""
            SELECT y.code, y.area, count(h.id) AS lifts,
                   sum(coalesce(h.relaunch_at, now())::date - h.lift_at::date) AS days
            FROM boats_yardspace y
            LEFT JOIN boats_hauloutbooking h ON h.yard_space_id = y.id
                 AND h.status <> 'cancelled' AND h.lift_at >= %s AND h.lift_at < %s
            GROUP BY y.code, y.area ORDER BY y.code
        """, [start, end])
        return dictfetchall(cur)


def top_products(start, end, limit=50):
    with connection.cursor() as cur:
        cur.execute("""
            SELECT p.sku, p.name, sum(l.qty) AS qty, sum(l.qty * l.unit_price) AS takings,
                   sum(l.qty * (l.unit_price - p.cost_price)) AS margin
            FROM shop_saleline l
            JOIN shop_sale s ON s.id = l.sale_id AND NOT s.voided
            JOIN shop_product p ON p.id = l.product_id
            WHERE s.completed >= %s AND s.completed < %s
            GROUP BY p.sku, p.name ORDER BY takings DESC LIMIT %s
        """, [start, end, limit])
        return dictfetchall(cur)


def hours_by_staff(start, end):
    with connection.cursor() as cur:
        cur.execute("""
            SELECT m.full_name, m.role, sum(t.hours) AS hours,
                   sum(CASE WHEN t.overtime THEN t.hours ELSE 0 END) AS overtime
            FROM staff_timesheetentry t JOIN staff_staffmember m ON m.id = t.staff_id
            WHERE t.date >= %s AND t.date < %s
            GROUP BY m.full_name, m.role ORDER BY m.full_name
        """, [start, end])
        return dictfetchall(cur)


def summary_counts():
    # one big query for the board pack front page
    with connection.cursor() as cur:
        cur.execute("""
            SELECT
              (SELECT count(*) FROM boats_owner WHERE NOT archived) AS owners,
              (SELECT count(*) FROM boats_boat) AS boats,
              (SELECT count(*) FROM main_berthallocation WHERE status = 'confirmed' AND (end_date IS NULL OR end_date >= current_date)) AS berthed,
              (SELECT count(*) FROM main_waitinglistentry WHERE active) AS waiting,
              (SELECT count(*) FROM boats_workorder WHERE status IN ('open', 'in_progress')) AS open_jobs,
              (SELECT coalesce(sum(gross_total - amount_paid), 0) FROM main_invoice WHERE status IN ('issued', 'part_paid')) AS debt
        """)
        return dictfetchall(cur)[0]
