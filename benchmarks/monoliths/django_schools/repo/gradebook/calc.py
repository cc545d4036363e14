"""Grade maths. Kept free of views so report cards and the portal agree."""
from collections import defaultdict
from decimal import Decimal

from django.conf import settings

from gradebook.models import Category, GradingScale, Score

GPA_POINTS = {"A": 4.0, "B": 3.0, "C": 2.0, "D": 1.0, "F": 0.0}


def parse_bands(text):
    bands = []
    for part in (text or settings.DEFAULT_GRADING_SCALE).split(","):
        letter, minimum = part.split(":")
        bands.append((letter.strip(), float(minimum)))
    return sorted(bands, key=lambda b: -b[1])


def default_scale():
    return GradingScale.objects.filter(is_default=True).first()


def letter_for(pct, scale=None):
    if pct is None:
        return ""
    scale = scale or default_scale()
    bands = parse_bands(scale.bands if scale else None)
    for letter, minimum in bands:
        if pct >= minimum:
            return letter
    return bands[-1][0]


def _ratio(scores):
    earned = possible = Decimal(0)
    for score in scores:
        if score.excused or (score.points is None and not score.missing):
            continue
        earned += score.effective_points or 0
        if not score.assignment.extra_credit:
            possible += score.assignment.max_points
    return earned, possible


def category_averages(section, student, term=None):
    scores = (Score.objects.filter(student=student, assignment__section=section)
              .select_related("assignment__category"))
    if term is not None:
        scores = scores.filter(assignment__term=term)
    by_cat = defaultdict(list)
    for score in scores:
        by_cat[score.assignment.category_id].append(score)
    out = {}
    for cat_id, cat_scores in by_cat.items():
        earned, possible = _ratio(cat_scores)
        out[cat_id] = float(earned / possible * 100) if possible else None
    return out


def section_average(section, student, term=None):
    averages = category_averages(section, student, term)
    if not averages:
        return None
    weights = dict(Category.objects.filter(section=section).values_list("id", "weight"))
    if not weights:
        scores = Score.objects.filter(student=student, assignment__section=section).select_related("assignment")
        earned, possible = _ratio(scores)
        return float(earned / possible * 100) if possible else None
    total = used = 0.0
    for cat_id, avg in averages.items():
        if avg is None or cat_id not in weights:
            continue
        total += avg * float(weights[cat_id])
        used += float(weights[cat_id])
    pct = total / used if used else None
    if pct is not None and settings.PARTICIPATION_FROM_ATTENDANCE:
        pct = participation_adjusted(section, student, pct)
    return round(pct, 2) if pct is not None else None


def participation_adjusted(section, student, pct):
    """Some middle schools count attendance as 10% participation."""
    from attendance.helpers import section_attendance_rate

    rate = section_attendance_rate(student, section)
    if rate is None:
        return pct
    return pct * 0.9 + rate * 0.1


def gpa(student, term):
    from core.models import Enrolment

    points = credits = 0.0
    for enrolment in Enrolment.objects.filter(student=student, section__term=term).select_related("section__course"):
        letter = letter_for(section_average(enrolment.section, student, term))[:1]
        if letter not in GPA_POINTS:
            continue
        weight = float(enrolment.section.course.credits) or 1.0
        points += GPA_POINTS[letter] * weight
        credits += weight
    return round(points / credits, 2) if credits else None


def _gpa_v1(student, term):
    # first version, unweighted; replaced by gpa() when high schools came on board
    letters = [letter_for(section_average(e.section, student, term))
               for e in student.enrolments.filter(section__term=term)]
    letters = [l for l in letters if l]
    return sum(GPA_POINTS.get(l, 0) for l in letters) / len(letters) if letters else None
