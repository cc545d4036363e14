"""
Management reports. Raw SQL because the ORM versions took minutes on the
2021 data. Mounted under /reports/ in garage/urls.py.

Some of these have nothing to do with the shop, they just ended up here.
"""
import datetime

from django.contrib.admin.views.decorators import staff_member_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render

from common.decorators import manager_required, timed
from common.forms import DateRangeForm
from common.utils import dictfetchall, rows_to_csv, today


def report_response(request, title, rows, template='shop/report_table.html'):
    """Render rows as a table, or CSV when ?format=csv."""
    if request.GET.get('format') == 'csv':
        resp = HttpResponse(rows_to_csv(rows), content_type='text/csv')
        resp['Content-Disposition'] = 'attachment; filename=%s.csv' % title.lower().replace(' ', '_')
        return resp
    columns = list(rows[0].keys()) if rows else []
    return render(request, template, {'title': title, 'rows': rows, 'columns': columns,
                                      'form': DateRangeForm(request.GET or None)})


def _range(request):
    form = DateRangeForm(request.GET or None)
    if form.is_valid():
        return form.cleaned_data['date_from'], form.cleaned_data['date_to']
    t = today()
    return t - datetime.timedelta(days=30), t


# ---------------------------------------------------------------------------
# stock
# ---------------------------------------------------------------------------

@manager_required
@timed
def parts_valuation(request):
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT p.category,
                   COUNT(*)                          AS lines,
                   SUM(p.qty_on_hand)                AS units,
                   SUM(p.qty_on_hand * p.cost_price) AS value_at_cost,
                   SUM(p.qty_on_hand * p.sell_price) AS value_at_sell
              FROM parts p
             WHERE p.qty_on_hand > 0
             GROUP BY p.category
             ORDER BY value_at_cost DESC
        """)
        rows = dictfetchall(cursor)
    return report_response(request, 'Parts valuation', rows)


@manager_required
def slow_moving_parts(request):
    days = int(request.GET.get('days', 180))
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT p.part_number, p.description, p.qty_on_hand, p.cost_price,
                   MAX(m.created_at) AS last_movement
              FROM parts p
              LEFT JOIN shop_stockmovement m ON m.part_id = p.id AND m.reason = 'issue'
             WHERE p.qty_on_hand > 0
             GROUP BY p.id, p.part_number, p.description, p.qty_on_hand, p.cost_price
            HAVING MAX(m.created_at) IS NULL OR MAX(m.created_at) < NOW() - (%s || ' days')::interval
             ORDER BY p.qty_on_hand * p.cost_price DESC
        """, [days])
        rows = dictfetchall(cursor)
    return report_response(request, 'Slow moving parts', rows)


@manager_required
def supplier_spend(request):
    d1, d2 = _range(request)
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT s.name AS supplier,
                   COUNT(DISTINCT po.id) AS orders,
                   SUM(l.quantity_received * l.unit_cost) AS spend,
                   AVG(EXTRACT(EPOCH FROM (po.updated_at - po.sent_at)) / 86400)::numeric(6,1) AS avg_days_to_receive
              FROM shop_purchaseorder po
              JOIN shop_supplier s ON s.id = po.supplier_id
              JOIN shop_purchaseorderline l ON l.order_id = po.id
             WHERE po.created_at::date BETWEEN %s AND %s
               AND po.status IN ('part', 'received')
             GROUP BY s.name
             ORDER BY spend DESC
        """, [d1, d2])
        rows = dictfetchall(cursor)
    return report_response(request, 'Supplier spend', rows)


# ---------------------------------------------------------------------------
# workshop
# ---------------------------------------------------------------------------

@manager_required
def work_order_aging(request):
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT wo.number, wo.status, v.registration, wo.opened_at,
                   DATE_PART('day', NOW() - wo.opened_at) AS age_days,
                   wo.promised_at
              FROM work_orders wo
              JOIN customers_vehicle v ON v.id = wo.vehicle_id
             WHERE wo.status NOT IN ('invoiced', 'collected', 'cancelled')
             ORDER BY wo.opened_at
        """)
        rows = dictfetchall(cursor)
    return report_response(request, 'Open job aging', rows)


@manager_required
def comeback_rate(request):
    d1, d2 = _range(request)
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT wo.job_type,
                   COUNT(*) AS jobs,
                   SUM(CASE WHEN wo.is_comeback THEN 1 ELSE 0 END) AS comebacks,
                   ROUND(100.0 * SUM(CASE WHEN wo.is_comeback THEN 1 ELSE 0 END) / COUNT(*), 1) AS pct
              FROM work_orders wo
             WHERE wo.opened_at::date BETWEEN %s AND %s
             GROUP BY wo.job_type
             ORDER BY pct DESC
        """, [d1, d2])
        rows = dictfetchall(cursor)
    return report_response(request, 'Comeback rate', rows)


# ---------------------------------------------------------------------------
# people / money (should be elsewhere)
# ---------------------------------------------------------------------------

@manager_required
def technician_productivity(request):
    """Sold hours vs clocked hours per technician ("efficiency")."""
    d1, d2 = _range(request)
    with connection.cursor() as cursor:
        cursor.execute("""
            WITH sold AS (
                SELECT l.technician_id, SUM(l.hours) AS sold_hours
                  FROM shop_workorderlabor l
                  JOIN work_orders wo ON wo.id = l.work_order_id
                 WHERE wo.completed_at::date BETWEEN %s AND %s
                 GROUP BY l.technician_id
            ), clocked AS (
                SELECT te.technician_id,
                       SUM(EXTRACT(EPOCH FROM (te.clock_out - te.clock_in)) / 3600) AS clocked_hours
                  FROM accounts_timeentry te
                 WHERE te.clock_in::date BETWEEN %s AND %s AND te.clock_out IS NOT NULL
                 GROUP BY te.technician_id
            )
            SELECT t.id, t.payroll_number, t.grade,
                   COALESCE(s.sold_hours, 0) AS sold_hours,
                   COALESCE(c.clocked_hours, 0)::numeric(8,2) AS clocked_hours,
                   CASE WHEN c.clocked_hours > 0
                        THEN ROUND(100 * COALESCE(s.sold_hours, 0) / c.clocked_hours::numeric, 1)
                   END AS efficiency_pct
              FROM accounts_technician t
              LEFT JOIN sold s ON s.technician_id = t.id
              LEFT JOIN clocked c ON c.technician_id = t.id
             WHERE t.is_active
             ORDER BY efficiency_pct DESC NULLS LAST
        """, [d1, d2, d1, d2])
        rows = dictfetchall(cursor)
    return report_response(request, 'Technician productivity', rows)


@manager_required
def gross_profit_by_job(request):
    d1, d2 = _range(request)
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT i.number AS invoice, i.issued_on, wo.number AS job, wo.job_type,
                   i.net_total,
                   COALESCE(pc.parts_cost, 0) AS parts_cost,
                   i.net_total - COALESCE(pc.parts_cost, 0) AS gross_profit
              FROM invoices i
              JOIN work_orders wo ON wo.id = i.work_order_id
              LEFT JOIN (
                    SELECT work_order_id, SUM(quantity * unit_cost) AS parts_cost
                      FROM shop_workorderpart GROUP BY work_order_id
              ) pc ON pc.work_order_id = wo.id
             WHERE i.issued_on BETWEEN %s AND %s AND i.status <> 'void'
             ORDER BY gross_profit ASC
        """, [d1, d2])
        rows = dictfetchall(cursor)
    return report_response(request, 'Gross profit by job', rows)
