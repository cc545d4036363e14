"""
Management reports. Raw SQL because the ORM versions were too slow on the
big practice (and the accountant wanted exact column names).
"""
import datetime

from django.db import connection

from utils.db import dictfetchall, run_sql
from utils.decorators import log_timing


@log_timing
def daily_takings_report(practice_id, day):
    sql = """
        SELECT p.method, COUNT(*) AS n,
               SUM(CASE WHEN p.is_refund THEN -p.amount ELSE p.amount END) AS total
        FROM accounts_payment p
        WHERE p.practice_id = %s AND DATE(p.taken_on) = %s
        GROUP BY p.method ORDER BY p.method
    """
    return run_sql(sql, [practice_id, day])


@log_timing
def aged_debt_report(practice_id, as_of=None):
    as_of = as_of or datetime.date.today()
    with connection.cursor() as cur:
        cur.execute("""
            SELECT i.number, i.issued_on, pt.chart_number, pt.last_name, pt.first_name,
                   (i.patient_portion - i.amount_paid) AS balance,
                   CASE WHEN %s - i.due_on <= 30 THEN '0-30'
                        WHEN %s - i.due_on <= 60 THEN '31-60'
                        WHEN %s - i.due_on <= 90 THEN '61-90'
                        ELSE '90+' END AS bucket
            FROM office_invoice i
            JOIN core_patient pt ON pt.id = i.patient_id
            WHERE i.practice_id = %s AND i.status IN ('issued', 'part_paid') AND i.due_on < %s
            ORDER BY i.due_on
        """, [as_of, as_of, as_of, practice_id, as_of])
        return dictfetchall(cur)


@log_timing
def clinician_production_report(practice_id, start, end):
    # production = value of completed, invoiced work per clinician
    with connection.cursor() as cur:
        cur.execute("""
            SELECT s.display_name, s.role, COUNT(l.id) AS procedures, SUM(l.line_total) AS production
            FROM office_invoiceline l
            JOIN office_invoice i ON i.id = l.invoice_id
            JOIN clinic_chartentry ce ON ce.id = l.chart_entry_id
            JOIN accounts_staffmember s ON s.id = ce.dentist_id
            WHERE i.practice_id = %s AND i.status <> 'void' AND ce.entry_date BETWEEN %s AND %s
            GROUP BY s.display_name, s.role
            ORDER BY production DESC
        """, [practice_id, start, end])
        return dictfetchall(cur)


@log_timing
def outstanding_claims_report(practice_id, min_age_days=30):
    sql = """
        SELECT c.claim_number, ic.name AS payer, c.status, c.submitted_on,
               c.total_claimed, c.total_paid, pt.last_name
        FROM insurance_claims c
        JOIN core_insurancepolicy pol ON pol.id = c.policy_id
        JOIN core_insurancecompany ic ON ic.id = pol.company_id
        JOIN core_patient pt ON pt.id = c.patient_id
        WHERE c.practice_id = %s AND c.status IN ('submitted', 'accepted', 'part_paid', 'rejected')
          AND c.submitted_on < NOW() - (%s || ' days')::interval
        ORDER BY c.submitted_on
    """
    return run_sql(sql, [practice_id, min_age_days])


@log_timing
def chair_utilisation_report(practice_id, start, end):
    with connection.cursor() as cur:
        cur.execute("""
            SELECT ch.name AS chair, DATE(a.start) AS day,
                   SUM(EXTRACT(EPOCH FROM (a."end" - a.start)) / 60) AS booked_minutes,
                   SUM(CASE WHEN a.status = 'dna' THEN 1 ELSE 0 END) AS dnas,
                   COUNT(*) AS appointments
            FROM office_appointment a
            JOIN clinic_chair ch ON ch.id = a.chair_id
            WHERE a.practice_id = %s AND DATE(a.start) BETWEEN %s AND %s AND a.status <> 'cancelled'
            GROUP BY ch.name, DATE(a.start)
            ORDER BY day, chair
        """, [practice_id, start, end])
        return dictfetchall(cur)


@log_timing
def new_patients_report(start, end):
    sql = """
        SELECT pr.name AS practice, COUNT(p.id) AS new_patients,
               SUM(CASE WHEN p.referred_by <> '' THEN 1 ELSE 0 END) AS referred
        FROM core_patient p JOIN accounts_practice pr ON pr.id = p.practice_id
        WHERE p.registered_on BETWEEN %s AND %s
        GROUP BY pr.name
    """
    return run_sql(sql, [start, end])


def stock_valuation_report(practice_id):
    sql = """
        SELECT si.sku, si.name, sl.quantity, si.unit_cost, sl.quantity * si.unit_cost AS value,
               (SELECT MAX(created) FROM stock_movements m WHERE m.item_id = si.id AND m.practice_id = sl.practice_id
                  AND m.reason = 'usage') AS last_used
        FROM misc_stocklevel sl JOIN misc_supplyitem si ON si.id = sl.item_id
        WHERE sl.practice_id = %s AND sl.quantity > 0
        ORDER BY value DESC
    """
    return run_sql(sql, [practice_id])


def lab_turnaround_report(start, end):
    sql = """
        SELECT l.name AS lab, o.work_type, COUNT(*) AS orders,
               AVG(o.received_on - o.sent_on) AS avg_days,
               SUM(CASE WHEN o.received_on > o.due_on THEN 1 ELSE 0 END) AS late,
               SUM(CASE WHEN o.remake_of_id IS NOT NULL THEN 1 ELSE 0 END) AS remakes,
               (SELECT SUM(li.amount) FROM misc_labinvoice li WHERE li.lab_id = l.id
                  AND li.received_on BETWEEN %s AND %s) AS invoiced
        FROM clinic_laborder o JOIN clinic_dentallab l ON l.id = o.lab_id
        WHERE o.sent_on BETWEEN %s AND %s AND o.received_on IS NOT NULL
        GROUP BY l.id, l.name, o.work_type
    """
    return run_sql(sql, [start, end, start, end])
