"""
Coaching courses: swimming lessons, junior tennis, gymnastics, etc.

Courses run weekly for a term; sessions are generated from the term dates
skipping half term and bank holidays.
"""
import logging

import queries as q
import dateutils
from db import query_all, query_one, execute

log = logging.getLogger('lsbs.courses')

WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']


class CourseFull(Exception):
    pass


def course_is_full(course):
    return q.count_enrolments(course['id']) >= course['capacity']


def places_left(course):
    return max(0, course['capacity'] - q.count_enrolments(course['id']))


def age_ok(course, dob, on=None):
    term = query_one('SELECT * FROM course_terms WHERE id = %s', (course['term_id'],))
    # age is taken at the start of term, like the ASA do it
    age = dateutils.age_on(dob, on or (term and term['starts_on']))
    if age is None:
        return course['min_age'] is None
    if course['min_age'] is not None and age < course['min_age']:
        return False
    if course['max_age'] is not None and age > course['max_age']:
        return False
    return True


def session_dates(course, term):
    dates = dateutils.dates_on_weekday(term['starts_on'], term['ends_on'], course['weekday'])
    out = []
    for d in dates:
        if term['half_term_from'] and term['half_term_from'] <= d <= term['half_term_to']:
            continue
        if dateutils.is_bank_holiday(d):
            continue
        out.append(d)
    return out


def generate_sessions(course_id):
    course = q.get_course(course_id)
    term = query_one('SELECT * FROM course_terms WHERE id = %s', (course['term_id'],))
    existing = set(s['session_date'] for s in q.sessions_for_course(course_id))
    n = 0
    for d in session_dates(course, term):
        if d not in existing:
            q.insert_session(course_id, d)
            n += 1
    return n


def register_sheet(course_id):
    """Rows for the printed register: one per enrolment, one column per session."""
    sessions = q.sessions_for_course(course_id)
    pupils = query_all(
        """SELECT e.id AS enrolment_id, c.first_name, c.last_name, c.dob, c.phone
           FROM enrolments e JOIN customers c ON c.id = e.customer_id
           WHERE e.course_id = %s AND e.status = 'confirmed' ORDER BY c.last_name""", (course_id,))
    marks = query_all(
        """SELECT a.* FROM attendance a JOIN course_sessions s ON s.id = a.session_id
           WHERE s.course_id = %s""", (course_id,))
    lookup = dict(((m['session_id'], m['enrolment_id']), m['present']) for m in marks)
    rows = []
    for p in pupils:
        row = {'name': '%s %s' % (p['first_name'], p['last_name']), 'dob': p['dob'], 'phone': p['phone'],
               'marks': [lookup.get((s['id'], p['enrolment_id'])) for s in sessions]}
        rows.append(row)
    return sessions, rows


def promote_waiting_list(course_id):
    """Offer the freed place to the next person on the waiting list.  Returns customer id or None."""
    course = q.get_course(course_id)
    if course_is_full(course):
        return None
    nxt = q.next_on_waiting_list(course_id)
    if not nxt:
        return None
    q.mark_offered(nxt['id'])
    from emails import waiting_list_offer_email
    waiting_list_offer_email(nxt['customer_id'], course)
    return nxt['customer_id']


def expire_offers(hours=48):
    """Offers not taken up within 48h are declined and the next person gets an offer."""
    rows = query_all(
        """SELECT * FROM waiting_list WHERE offered_at IS NOT NULL AND NOT declined
           AND offered_at < now() - interval '%d hours'
           AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.course_id = waiting_list.course_id
                           AND e.customer_id = waiting_list.customer_id)""" % hours)
    for r in rows:
        execute('UPDATE waiting_list SET declined = TRUE WHERE id = %s', (r['id'],))
        promote_waiting_list(r['course_id'])
    return len(rows)


def course_label(course):
    return '%s (%s %s)' % (course['title'], WEEKDAYS[course['weekday']], course['start_time'].strftime('%H:%M'))


def attendance_rate(course_id):
    row = query_one(
        """SELECT count(*) FILTER (WHERE a.present) AS present, count(*) AS total
           FROM attendance a JOIN course_sessions s ON s.id = a.session_id WHERE s.course_id = %s""",
        (course_id,))
    if not row or not row['total']:
        return None
    return 100.0 * row['present'] / row['total']
