"""Management reports. Raw SQL because the ORM versions were too slow on the
full season of scans (see ticket #412)."""
import datetime

from sqlalchemy import text

from ..lib.decorators import log_timing
from ..models import DBSession


def run_report(sql, **params):
    result = DBSession.execute(text(sql), params)
    columns = list(result.keys())
    return columns, [tuple(r) for r in result.fetchall()]


@log_timing
def revenue_by_source(start, end):
    return run_report("""
        SELECT date(c.posted_at) AS day, c.source,
               sum(c.amount) AS net, sum(c.tax) AS tax, count(*) AS n
          FROM folio_charges c
         WHERE c.posted_at >= :start AND c.posted_at < :end
           AND c.voided_at IS NULL
         GROUP BY date(c.posted_at), c.source
         ORDER BY 1, 2
    """, start=start, end=end)


@log_timing
def skier_visits(start, end):
    # a "skier visit" is one pass with at least one accepted scan on a day
    return run_report("""
        SELECT date(s.scanned_at) AS day, p.code AS product,
               count(DISTINCT s.pass_id) AS visits, count(*) AS rides
          FROM pass_scans s
          JOIN lift_passes lp ON lp.id = s.pass_id
          JOIN pass_products p ON p.id = lp.product_id
         WHERE s.accepted AND s.scanned_at >= :start AND s.scanned_at < :end
         GROUP BY 1, 2
         ORDER BY 1, 2
    """, start=start, end=end)


def occupancy(start, end):
    return run_report("""
        SELECT d::date AS night,
               count(r.id) AS occupied,
               (SELECT count(*) FROM lodging_units WHERE status <> 'ooo') AS units,
               coalesce(sum(r.total / greatest(r.departure - r.arrival, 1)), 0) AS room_revenue
          FROM generate_series(:start, :end, interval '1 day') d
          LEFT JOIN lodging_reservations r
                 ON r.arrival <= d::date AND r.departure > d::date
                AND r.status IN ('booked', 'in_house', 'departed')
         GROUP BY 1 ORDER BY 1
    """, start=start, end=end)


def instructor_hours(start, end):
    return run_report("""
        SELECT i.first_name || ' ' || i.last_name AS instructor,
               sum(extract(epoch FROM (s.clocked_out - s.clocked_in)) / 3600) AS hours,
               (SELECT count(*) FROM lessons l
                 WHERE l.instructor_id = i.id AND l.status = 'done'
                   AND l.starts_at >= :start AND l.starts_at < :end) AS lessons
          FROM instructors i
          JOIN instructor_shifts s ON s.instructor_id = i.id
         WHERE s.shift_date >= :start AND s.shift_date < :end
         GROUP BY i.id, i.first_name, i.last_name
         ORDER BY hours DESC
    """, start=start, end=end)


def rental_utilization(start, end):
    return run_report("""
        SELECT c.name AS category, count(DISTINCT e.id) AS fleet,
               coalesce(sum(l.days), 0) AS rental_days,
               coalesce(sum(l.days * l.daily_rate), 0) AS revenue
          FROM equipment_categories c
          JOIN equipment_items e ON e.category_id = c.id AND NOT e.deleted
          LEFT JOIN rental_order_lines l ON l.item_id = e.id
          LEFT JOIN rental_orders o ON o.id = l.order_id
               AND o.picked_up_at >= :start AND o.picked_up_at < :end
         GROUP BY c.name ORDER BY revenue DESC
    """, start=start, end=end)


def outlet_sales(start, end):
    return run_report("""
        SELECT o.name AS outlet, ch.tender, count(*) AS checks,
               sum(ch.subtotal) AS net, sum(ch.tax) AS tax, sum(ch.tip) AS tips
          FROM pos_checks ch JOIN outlets o ON o.id = ch.outlet_id
         WHERE ch.closed_at >= :start AND ch.closed_at < :end
           AND ch.status IN ('closed', 'room')
         GROUP BY o.name, ch.tender ORDER BY o.name
    """, start=start, end=end)


def lift_downtime(start, end):
    return run_report("""
        SELECT l.name AS lift, count(m.id) AS work_orders,
               coalesce(sum(m.downtime_minutes), 0) AS downtime_min,
               coalesce(sum(m.parts_cost), 0) AS parts
          FROM lifts l
          LEFT JOIN maintenance_orders m ON m.lift_id = l.id
               AND m.opened_at >= :start AND m.opened_at < :end
         GROUP BY l.name ORDER BY downtime_min DESC
    """, start=start, end=end)


REPORTS = {
    'revenue': ('Revenue by source', revenue_by_source),
    'skier-visits': ('Skier visits', skier_visits),
    'occupancy': ('Lodging occupancy', occupancy),
    'instructors': ('Instructor hours', instructor_hours),
    'rental': ('Rental fleet utilization', rental_utilization),
    'outlets': ('F&B outlet sales', outlet_sales),
    'lifts': ('Lift downtime', lift_downtime),
}


def get_report(name, start=None, end=None):
    title, func = REPORTS[name]
    end = end or datetime.date.today() + datetime.timedelta(days=1)
    start = start or end - datetime.timedelta(days=7)
    columns, rows = func(start, end)
    return {'title': title, 'columns': columns, 'rows': rows, 'start': start, 'end': end}
