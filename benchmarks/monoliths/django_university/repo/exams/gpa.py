"""Marks -> letters -> GPA, standing, dean's list.

Senate regulations 2018 (rev. 2020). Don't change the bands without a
Senate minute reference in the commit message.
"""
import logging
from decimal import Decimal, ROUND_HALF_UP

from django.conf import settings
from django.db import connection
from django.db.models import Avg, Sum

from common.db import namedtuplefetchall
from common.utils import grade_points_for_letter, round_money
from exams.models import ExamSitting, Grade, ScholarshipAward

logger = logging.getLogger(__name__)

LETTER_BANDS = (
    (Decimal('90'), 'A+'), (Decimal('85'), 'A'), (Decimal('80'), 'A-'),
    (Decimal('77'), 'B+'), (Decimal('73'), 'B'), (Decimal('70'), 'B-'),
    (Decimal('67'), 'C+'), (Decimal('63'), 'C'), (Decimal('60'), 'C-'),
    (Decimal('50'), 'D'), (Decimal('0'), 'F'),
)

LETTER_ORDER = [letter for _, letter in LETTER_BANDS]


def letter_for_score(score):
    if score is None:
        return ''
    score = Decimal(score).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)
    for cutoff, letter in LETTER_BANDS:
        if score >= cutoff:
            return letter
    return 'F'


def letter_at_least(letter, minimum):
    if not letter:
        return False
    try:
        return LETTER_ORDER.index(letter) <= LETTER_ORDER.index(minimum)
    except ValueError:
        return False


def weighted_section_score(student, section):
    """Combine exam marks by weight. Missing marks count as 0 unless
    mitigating circumstances were accepted."""
    sittings = (ExamSitting.objects.filter(student=student, exam__section=section)
                .select_related('exam'))
    total_weight = Decimal('0')
    total = Decimal('0')
    for sitting in sittings:
        if sitting.mitigating_circumstances and sitting.mark is None:
            continue
        weight = sitting.exam.weight
        total_weight += weight
        total += (sitting.mark or Decimal('0')) * weight
    if not total_weight:
        return None
    return (total / total_weight).quantize(Decimal('0.01'))


def finalise_grade(student, section, entered_by=None):
    score = weighted_section_score(student, section)
    letter = letter_for_score(score)
    grade, _ = Grade.objects.update_or_create(
        student=student, section=section,
        defaults={'score': score, 'letter': letter,
                  'points': Decimal(str(grade_points_for_letter(letter))), 'entered_by': entered_by})
    return grade


def calculate_gpa(student, term=None, published_only=True):
    qs = Grade.objects.filter(student=student).exclude(letter='').select_related('section__course')
    if published_only:
        qs = qs.filter(status__in=['published', 'amended'])
    if term is not None:
        qs = qs.filter(section__term=term)
    points = Decimal('0')
    credits = 0
    for grade in qs:
        c = grade.section.course.credits
        points += Decimal(str(grade_points_for_letter(grade.letter))) * c
        credits += c
    if not credits:
        return None
    return (points / credits).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)


def has_passed(student, course, minimum_letter='D'):
    grades = Grade.objects.filter(student=student, section__course=course,
                                  status__in=['published', 'amended']).values_list('letter', flat=True)
    return any(letter_at_least(letter, minimum_letter) for letter in grades)


def academic_standing(student):
    gpa = calculate_gpa(student)
    if gpa is None:
        return 'new'
    if gpa < Decimal('1.5'):
        return 'probation'
    if gpa < Decimal('2.0'):
        return 'warning'
    return 'good'


def deans_list(term, threshold=None, min_credits=12):
    threshold = Decimal(str(threshold or settings.DEANS_LIST_GPA))
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT g.student_id,
                   SUM(g.points * c.credits) / NULLIF(SUM(c.credits), 0) AS gpa,
                   SUM(c.credits) AS credits
              FROM exams_grade g
              JOIN academics_section s ON s.id = g.section_id
              JOIN academics_course c ON c.id = s.course_id
             WHERE s.term_id = %s
               AND g.status IN ('published', 'amended')
               AND g.points IS NOT NULL
             GROUP BY g.student_id
            HAVING SUM(c.credits) >= %s
            """, [term.pk, min_credits])
        rows = namedtuplefetchall(cursor)
    return [r for r in rows if r.gpa is not None and Decimal(r.gpa) >= threshold]


def class_rank(student):
    """Rank within programme & year. Slow, only used on transcripts."""
    from main.models import Student
    peers = Student.objects.filter(programme_code=student.programme_code,
                                   year_of_study=student.year_of_study, status='active')
    scored = []
    for peer in peers:
        gpa = calculate_gpa(peer)
        if gpa is not None:
            scored.append((gpa, peer.pk))
    scored.sort(reverse=True)
    for idx, (_, pk) in enumerate(scored, start=1):
        if pk == student.pk:
            return idx, len(scored)
    return None, len(scored)


def award_merit_scholarships(term, amount=Decimal('1000.00'), top_n=20):
    """Finance rule: top N on the dean's list get a fixed award against next
    term's tuition. Only runs when FEATURE_FLAGS['auto_scholarships'] is on."""
    from academics.models import Term
    from main.models import Student

    next_term = Term.objects.filter(starts_on__gt=term.ends_on).order_by('starts_on').first()
    if next_term is None:
        logger.warning('no next term after %s, cannot award', term)
        return 0
    ranked = sorted(deans_list(term), key=lambda r: r.gpa, reverse=True)[:top_n]
    created = 0
    for row in ranked:
        student = Student.objects.get(pk=row.student_id)
        _, was_created = ScholarshipAward.objects.get_or_create(
            student=student, term=next_term, name='Merit scholarship %s' % term.code,
            defaults={'amount': round_money(amount)})
        if was_created:
            created += 1
    return created
