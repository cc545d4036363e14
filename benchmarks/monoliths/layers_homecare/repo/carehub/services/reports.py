"""Management reports. Raw SQL because the ORM versions were too slow on the big tables."""
from datetime import date, timedelta

from sqlalchemy import text
from sqlalchemy.orm import Session


def _fetch(db: Session, sql, **params):
    result = db.execute(text(sql), params)
    cols = result.keys()
    return [dict(zip(cols, row)) for row in result.fetchall()]


def missed_visits_report(db: Session, start, end):
    return _fetch(db, """
        SELECT v.id AS visit_id, v.planned_start, c.reference AS client_ref,
               c.last_name AS client_name, c.area,
               s.first_name || ' ' || s.last_name AS carer,
               v.status, v.cancel_reason
        FROM visits v
        JOIN clients c ON c.id = v.client_id
        LEFT JOIN staff s ON s.id = v.staff_id
        WHERE v.status IN ('missed')
          AND v.planned_start >= :start AND v.planned_start < :end
        ORDER BY v.planned_start
    """, start=start, end=end + timedelta(days=1))


def commissioned_vs_delivered(db: Session, start, end):
    # for the council quarterly returns
    return _fetch(db, """
        SELECT f.name AS funder, c.reference, c.last_name,
               fp.commissioned_hours * ((:end::date - :start::date + 1) / 7.0) AS commissioned,
               COALESCE(SUM(v.planned_minutes) / 60.0, 0) AS delivered
        FROM funding_packages fp
        JOIN funders f ON f.id = fp.funder_id
        JOIN clients c ON c.id = fp.client_id
        LEFT JOIN visits v ON v.client_id = c.id AND v.status = 'completed'
             AND v.planned_start::date BETWEEN :start AND :end
        WHERE fp.start_date <= :end AND (fp.end_date IS NULL OR fp.end_date >= :start)
        GROUP BY f.name, c.reference, c.last_name, fp.commissioned_hours
        ORDER BY f.name, c.last_name
    """, start=start, end=end)


def invoice_aging_report(db: Session, as_of=None):
    as_of = as_of or date.today()
    return _fetch(db, """
        SELECT f.name AS funder, i.number, i.issued_on, i.due_on,
               i.total_pence - i.paid_pence AS outstanding_pence,
               CASE WHEN :as_of - i.due_on <= 0 THEN 'current'
                    WHEN :as_of - i.due_on <= 30 THEN '1-30'
                    WHEN :as_of - i.due_on <= 60 THEN '31-60'
                    ELSE '60+' END AS bucket
        FROM invoices i JOIN funders f ON f.id = i.funder_id
        WHERE i.status IN ('issued', 'part_paid')
        ORDER BY f.name, i.due_on
    """, as_of=as_of)


def payroll_variance_report(db: Session, week_start):
    """Timesheet minutes vs rostered minutes - finds carers paid for visits they didn't do."""
    return _fetch(db, """
        SELECT s.payroll_number, s.last_name, t.total_minutes,
               (SELECT COALESCE(SUM(v.planned_minutes), 0) FROM visits v
                 WHERE v.staff_id = t.staff_id AND v.status = 'completed'
                   AND v.planned_start >= :ws AND v.planned_start < :we) AS rostered_minutes,
               t.gross_pence
        FROM timesheets t JOIN staff s ON s.id = t.staff_id
        WHERE t.week_start = :ws
        ORDER BY ABS(t.total_minutes - 0) DESC
    """, ws=week_start, we=week_start + timedelta(days=7))


def mar_exceptions_report(db: Session, start, end):
    return _fetch(db, """
        SELECT c.reference, c.last_name, m.name AS medication, me.due_at, me.outcome,
               me.notes, s.last_name AS recorded_by
        FROM mar_entries me
        JOIN medications m ON m.id = me.medication_id
        JOIN clients c ON c.id = m.client_id
        LEFT JOIN staff s ON s.id = me.staff_id
        WHERE me.outcome <> 'G' AND me.due_at BETWEEN :start AND :end
        ORDER BY me.due_at
    """, start=start, end=end)


