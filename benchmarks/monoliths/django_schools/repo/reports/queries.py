"""District reports. Raw SQL because the ORM versions timed out on the
district-wide numbers (see ticket #412)."""
from django.db import connection


def _fetchall(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row)) for row in cursor.fetchall()]


def enrolment_counts_by_school(year):
    return _fetchall("""
        SELECT sc.code, sc.name, s.grade_level, COUNT(DISTINCT s.id) AS students
          FROM core_student s
          JOIN core_school sc ON sc.id = s.school_id
          JOIN core_enrolment e ON e.student_id = s.id AND e.status = 'active'
          JOIN core_section sec ON sec.id = e.section_id
          JOIN core_term t ON t.id = sec.term_id AND t.school_year = %s
         WHERE s.deleted_at IS NULL
         GROUP BY sc.code, sc.name, s.grade_level
         ORDER BY sc.code, s.grade_level""", [year])


def attendance_rate_by_school(start, end):
    return _fetchall("""
        SELECT sc.code, sc.name,
               COUNT(*) FILTER (WHERE d.status <> 'ne') AS days,
               COUNT(*) FILTER (WHERE d.status = 'absent') AS absent,
               COUNT(*) FILTER (WHERE d.status = 'half') AS half
          FROM attendance_dailysummary d
          JOIN core_student s ON s.id = d.student_id
          JOIN core_school sc ON sc.id = s.school_id
         WHERE d.date BETWEEN %s AND %s
         GROUP BY sc.code, sc.name
         ORDER BY sc.code""", [start, end])


def ridership_by_route():
    return _fetchall("""
        SELECT r.number, r.name, r.capacity, v.seats,
               COUNT(DISTINCT ra.student_id) AS riders
          FROM tbl_bus_route r
          LEFT JOIN transport_vehicle v ON v.id = r.vehicle_id
          LEFT JOIN tbl_bus_stop bs ON bs.route_id = r.id
          LEFT JOIN transport_riderassignment ra ON ra.stop_id = bs.id AND ra.status = 'active'
         WHERE r.active
         GROUP BY r.number, r.name, r.capacity, v.seats
         ORDER BY r.number""")


def meal_claim_counts(month_start, month_end):
    """Monthly reimbursement claim: reimbursable meals served by eligibility."""
    return _fetchall("""
        SELECT sc.code, a.eligibility, COUNT(t.id) AS meals
          FROM tbl_lunch_txn t
          JOIN tbl_lunch_account a ON a.id = t.account_id
          JOIN core_student s ON s.id = a.student_id
          JOIN core_school sc ON sc.id = s.school_id
          JOIN meals_menuitem m ON m.code = t.item_code AND m.is_reimbursable
         WHERE t.kind = 'sale' AND t.created BETWEEN %s AND %s
         GROUP BY sc.code, a.eligibility
         ORDER BY sc.code, a.eligibility""", [month_start, month_end])
