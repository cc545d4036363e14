"""Report queries for the supervisors' monthly packet. Raw SQL because the
ORM versions were too slow on the reporting replica."""
from sqlalchemy import text


def _rows(result):
    return [dict(r._mapping) for r in result]


def monthly_permit_activity(session, first_day, last_day):
    return _rows(session.execute(text("""
        SELECT pa.permit_type,
               count(*) FILTER (WHERE pa.submitted_at::date BETWEEN :a AND :b) AS submitted,
               count(p.id) FILTER (WHERE p.issued_at::date BETWEEN :a AND :b) AS issued,
               coalesce(sum(pa.valuation) FILTER (WHERE p.issued_at::date BETWEEN :a AND :b), 0) AS valuation,
               avg(p.issued_at::date - pa.submitted_at::date)
                   FILTER (WHERE p.issued_at::date BETWEEN :a AND :b) AS avg_days_to_issue
          FROM permit_applications pa
          LEFT JOIN permits p ON p.application_id = pa.id
         GROUP BY pa.permit_type
         ORDER BY pa.permit_type
    """), {"a": first_day, "b": last_day}))


def revenue_by_fee_code(session, first_day, last_day):
    return _rows(session.execute(text("""
        SELECT f.code, f.description, count(*) AS n, sum(f.amount_cents) AS assessed_cents,
               sum(CASE WHEN f.waived THEN f.amount_cents ELSE 0 END) AS waived_cents
          FROM assessed_fees f
         WHERE f.assessed_at::date BETWEEN :a AND :b
         GROUP BY f.code, f.description
         ORDER BY f.code
    """), {"a": first_day, "b": last_day}))


def inspector_workload(session, first_day, last_day):
    return _rows(session.execute(text("""
        SELECT s.id AS staff_id, s.full_name, d.code AS district,
               count(i.id) AS inspections,
               count(i.id) FILTER (WHERE i.outcome = 'fail') AS failed,
               count(DISTINCT sh.work_date) AS field_days
          FROM staff s
          LEFT JOIN districts d ON d.id = s.district_id
          LEFT JOIN inspections i ON i.inspector_id = s.id AND i.scheduled_for BETWEEN :a AND :b
          LEFT JOIN shifts sh ON sh.staff_id = s.id AND sh.kind = 'field' AND sh.work_date BETWEEN :a AND :b
         WHERE s.active AND s.roles LIKE '%inspector%'
         GROUP BY s.id, s.full_name, d.code
         ORDER BY d.code, s.full_name
    """), {"a": first_day, "b": last_day}))


def open_cases_by_district(session):
    return _rows(session.execute(text("""
        SELECT d.code AS district, c.status, count(*) AS n,
               min(c.opened_on) AS oldest,
               sum(CASE WHEN ct.status = 'unpaid' THEN ct.fine_cents ELSE 0 END) AS unpaid_fines_cents
          FROM enforcement_cases c
          JOIN parcels pc ON pc.id = c.parcel_id
          LEFT JOIN districts d ON d.id = pc.district_id
          LEFT JOIN citations ct ON ct.case_id = c.id
         WHERE c.status <> 'closed'
         GROUP BY d.code, c.status
         ORDER BY d.code, c.status
    """)))


def contractor_scorecard(session, contractor_id):
    row = session.execute(text("""
        SELECT c.business_name,
               (SELECT count(*) FROM permit_applications pa WHERE pa.contractor_id = c.id) AS applications,
               (SELECT count(*) FROM inspections i
                  JOIN permits p ON p.id = i.permit_id
                  JOIN permit_applications pa ON pa.id = p.application_id
                 WHERE pa.contractor_id = c.id AND i.outcome = 'fail') AS failed_inspections,
               (SELECT count(*) FROM enforcement_cases ec
                  JOIN permits p ON p.id = ec.related_permit_id
                  JOIN permit_applications pa ON pa.id = p.application_id
                 WHERE pa.contractor_id = c.id) AS enforcement_cases
          FROM contractors c
         WHERE c.id = :cid
    """), {"cid": contractor_id}).first()
    return dict(row._mapping) if row else None
