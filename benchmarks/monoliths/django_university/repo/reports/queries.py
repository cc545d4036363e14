"""Management reports. Raw SQL on purpose: these are copied from the
Planning office's Metabase questions so the numbers match."""
import datetime
from decimal import Decimal

from django.db import connection

from common.db import dictfetchall, fetch_all
from common.utils import academic_year_for, today


class ReportRegistry(object):
    """name -> (callable, title, roles). Used by reports.views to list what a
    user may run."""

    _reports = {}

    @classmethod
    def register(cls, name, title, roles=('planning',)):
        def decorator(func):
            cls._reports[name] = (func, title, tuple(roles))
            return func
        return decorator

    @classmethod
    def get(cls, name):
        return cls._reports.get(name)

    @classmethod
    def available_for(cls, user):
        if user.is_superuser:
            return sorted(cls._reports.items())
        groups = set(user.groups.values_list('name', flat=True))
        return sorted((k, v) for k, v in cls._reports.items() if groups & set(v[2]))


report = ReportRegistry.register


@report('enrolment_census', 'Enrolment census by programme', roles=('planning', 'registry'))
def enrolment_census(term_id):
    return fetch_all(
        """
        SELECT st.programme_code,
               st.year_of_study,
               COUNT(DISTINCT st.id) AS students,
               SUM(c.credits) AS credits,
               SUM(CASE WHEN st.is_international THEN 1 ELSE 0 END) AS intl_enrolments
          FROM academics_enrolment e
          JOIN main_student st ON st.id = e.student_id
          JOIN academics_section s ON s.id = e.section_id
          JOIN academics_course c ON c.id = s.course_id
         WHERE s.term_id = %s
           AND e.status = 'enrolled'
         GROUP BY st.programme_code, st.year_of_study
         ORDER BY st.programme_code, st.year_of_study
        """, [term_id])


@report('fee_income', 'Fee income by programme', roles=('planning', 'bursary'))
def fee_income_by_programme(start_year):
    ay = '{0}/{1}'.format(start_year, str(start_year + 1)[-2:])
    return fetch_all(
        """
        SELECT st.programme_code,
               COALESCE(SUM(i.total), 0) AS invoiced,
               COALESCE(SUM(i.amount_paid), 0) AS received
          FROM main_invoice i
          JOIN main_student st ON st.id = i.student_id
          LEFT JOIN academics_term t ON t.id = i.term_id
         WHERE i.status <> 'void'
           AND (t.academic_year = %s OR (i.term_id IS NULL AND i.issued_on >= %s))
         GROUP BY st.programme_code
         ORDER BY invoiced DESC
        """, [ay, datetime.date(start_year, 9, 1)])


@report('aged_debt', 'Aged debt', roles=('bursary',))
def aged_debt(on=None):
    on = on or today()
    rows = fetch_all(
        """
        SELECT st.student_number,
               st.first_name || ' ' || st.last_name AS name,
               st.programme_code,
               SUM(i.total - i.amount_paid) AS balance,
               MIN(i.due_on) AS oldest_due
          FROM main_invoice i
          JOIN main_student st ON st.id = i.student_id
         WHERE i.status IN ('issued', 'part_paid', 'overdue')
         GROUP BY st.student_number, st.first_name, st.last_name, st.programme_code
        HAVING SUM(i.total - i.amount_paid) > 0
         ORDER BY balance DESC
        """)
    for row in rows:
        days = (on - row['oldest_due']).days if row['oldest_due'] else 0
        row['bucket'] = ('current' if days <= 0 else '0-30' if days <= 30 else '31-60' if days <= 60
                         else '61-90' if days <= 90 else '90+')
    return rows


@report('housing_occupancy', 'Residence occupancy', roles=('housing', 'planning'))
def housing_occupancy(term_id):
    return fetch_all(
        """
        SELECT h.code, h.name,
               SUM(r.beds) FILTER (WHERE NOT r.out_of_service) AS beds,
               COUNT(a.id) AS occupied,
               COALESCE(SUM(r.termly_rent) FILTER (WHERE a.id IS NOT NULL), 0) AS rent_roll
          FROM academics_residencehall h
          JOIN academics_room r ON r.hall_id = h.id
          LEFT JOIN academics_roomassignment a
                 ON a.room_id = r.id AND a.term_id = %s AND a.vacated_on IS NULL
         WHERE h.is_active
         GROUP BY h.code, h.name
         ORDER BY h.name
        """, [term_id])


@report('housing_waitlist', 'Housing applications not yet allocated', roles=('housing',))
def housing_waitlist(term_id):
    return fetch_all(
        """
        SELECT ha.id, st.student_number, ha.status, ha.priority, ha.needs_accessible,
               h1.code AS first_choice, ha.created_at
          FROM portal_housingapplication ha
          JOIN main_student st ON st.id = ha.student_id
          LEFT JOIN academics_residencehall h1 ON h1.id = ha.first_choice_hall_id
         WHERE ha.term_id = %s AND ha.status IN ('submitted', 'waitlisted')
         ORDER BY ha.priority, ha.created_at
        """, [term_id])


@report('library_overdue', 'Library overdue summary', roles=('library',))
def library_overdue_summary():
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.location,
                   COUNT(*) AS overdue_items,
                   COUNT(DISTINCT l.student_id) AS students,
                   COUNT(DISTINCT l.faculty_id) AS staff,
                   COALESCE(SUM(f.amount), 0) AS fines_accrued
              FROM library_loan l
              JOIN library_bookcopy c ON c.id = l.copy_id
              LEFT JOIN library_fine f ON f.loan_id = l.id AND f.waived = FALSE
             WHERE l.returned_at IS NULL AND l.due_on < CURRENT_DATE
             GROUP BY c.location
            """)
        return dictfetchall(cursor)


@report('admissions_funnel', 'Admissions funnel', roles=('admissions', 'planning'))
def admissions_funnel(round_id):
    return fetch_all(
        """
        SELECT a.programme_code,
               COUNT(*) FILTER (WHERE a.status <> 'draft') AS applications,
               COUNT(iv.id) AS interviews,
               COUNT(o.id) AS offers,
               COUNT(o.id) FILTER (WHERE o.status = 'accepted') AS accepted,
               COUNT(st.id) AS enrolled_students
          FROM main_application a
          LEFT JOIN main_offer o ON o.application_id = a.id
          LEFT JOIN admissions_interview iv ON iv.application_id = a.id
          LEFT JOIN main_student st ON st.application_id = a.id
         WHERE a.round_id = %s AND a.deleted_at IS NULL
         GROUP BY a.programme_code
         ORDER BY applications DESC
        """, [round_id])


@report('grade_distribution', 'Grade distribution by course', roles=('exams_board', 'planning'))
def grade_distribution(term_id):
    return fetch_all(
        """
        SELECT c.code, g.letter, COUNT(*) AS n
          FROM exams_grade g
          JOIN academics_section s ON s.id = g.section_id
          JOIN academics_course c ON c.id = s.course_id
         WHERE s.term_id = %s AND g.status IN ('published', 'amended')
         GROUP BY c.code, g.letter
         ORDER BY c.code, g.letter
        """, [term_id])


@report('appeals', 'Grade appeals by department', roles=('exams_board',))
def appeals_by_department(term_id):
    return fetch_all(
        """
        SELECT d.code AS department, ga.status, COUNT(*) AS n
          FROM grade_appeals ga
          JOIN exams_grade g ON g.id = ga.grade_id
          JOIN academics_section s ON s.id = g.section_id
          JOIN academics_course c ON c.id = s.course_id
          JOIN staff_department d ON d.id = c.department_id
         WHERE s.term_id = %s
         GROUP BY d.code, ga.status
        """, [term_id])


@report('faculty_workload', 'Teaching workload by department', roles=('hr', 'hod'))
def faculty_workload(term_id):
    return fetch_all(
        """
        SELECT d.code AS department, f.staff_number, f.last_name,
               SUM(ta.contact_hours) AS contact_hours,
               COUNT(DISTINCT ta.section_id) AS sections,
               COUNT(e.id) AS students_taught
          FROM staff_teachingassignment ta
          JOIN staff_faculty f ON f.id = ta.faculty_id
          JOIN staff_department d ON d.id = f.department_id
          JOIN academics_section s ON s.id = ta.section_id
          LEFT JOIN academics_enrolment e ON e.section_id = s.id AND e.status = 'enrolled'
         WHERE s.term_id = %s
         GROUP BY d.code, f.staff_number, f.last_name
         ORDER BY d.code, contact_hours DESC
        """, [term_id])


# def scholarship_cost(term_id):   # FIXME broken since billing_scholarship_award rename
#     ...
