"""
Quarterly return to the council's performance team / CIPFA leisure stats.
Added Q3 2020.  One row per KPI.
"""
from db import query_scalar, query_all
from reports import register
import dateutils


def kpi_visits(d1, d2):
    return query_scalar('SELECT count(*) FROM pass_visits WHERE visited_at::date BETWEEN %s AND %s',
                        (d1, d2), default=0)


def kpi_active_members(d2):
    return query_scalar(
        """SELECT count(*) FROM memberships WHERE start_date <= %s
           AND (end_date IS NULL OR end_date >= %s) AND status <> 'cancelled'""", (d2, d2), default=0)


def kpi_pitch_hours(d1, d2):
    return query_scalar(
        """SELECT COALESCE(sum(extract(epoch from (b.ends_at - b.starts_at)) / 3600.0), 0)
           FROM bookings b JOIN facilities f ON f.id = b.facility_id
           WHERE f.kind = 'pitch' AND b.status = 'confirmed' AND b.starts_at::date BETWEEN %s AND %s""",
        (d1, d2), default=0)


def kpi_income(d1, d2):
    return query_scalar(
        """SELECT COALESCE(sum(amount_pence), 0) FROM payments WHERE paid_at::date BETWEEN %s AND %s""",
        (d1, d2), default=0)


def kpi_course_participants(d1, d2):
    return query_scalar(
        """SELECT count(DISTINCT e.customer_id) FROM enrolments e JOIN courses c ON c.id = e.course_id
           JOIN course_terms t ON t.id = c.term_id
           WHERE e.status = 'confirmed' AND t.starts_on <= %s AND t.ends_on >= %s""", (d2, d1), default=0)


def kpi_staff_cost(d1, d2):
    return query_scalar(
        """SELECT COALESCE(sum(extract(epoch from (sh.end_time - sh.start_time)) / 3600.0 * s.hourly_rate_pence), 0)
           FROM shifts sh JOIN staff s ON s.id = sh.staff_id WHERE sh.shift_date BETWEEN %s AND %s""",
        (d1, d2), default=0)


@register('cipfa', 'Quarterly KPI / CIPFA return')
def build_cipfa_return(d1, d2):
    # d1/d2 ignored apart from working out the quarter - finance want whole quarters
    q1, q2 = dateutils.quarter_bounds(d1)
    income = kpi_income(q1, q2)
    cost = kpi_staff_cost(q1, q2)
    visits = kpi_visits(q1, q2)
    rows = [
        {'kpi': 'LS01 visits', 'value': visits},
        {'kpi': 'LS02 active members at quarter end', 'value': kpi_active_members(q2)},
        {'kpi': 'LS03 pitch hours booked', 'value': round(float(kpi_pitch_hours(q1, q2)), 1)},
        {'kpi': 'LS04 course participants', 'value': kpi_course_participants(q1, q2)},
        {'kpi': 'LS05 income (pence)', 'value': income},
        {'kpi': 'LS06 staff cost (pence)', 'value': int(cost)},
        {'kpi': 'LS07 cost recovery %', 'value': round(100.0 * income / float(cost), 1) if cost else None},
        {'kpi': 'LS08 subsidy per visit (pence)', 'value': int((cost - income) / visits) if visits else None},
    ]
    return {'columns': ['kpi', 'value'], 'rows': rows, 'quarter': dateutils.financial_year(q1)}
