"""JSON for the teacher tablet gradebook and the parent portal."""
from gradebook.calc import category_averages, letter_for, section_average


def score_to_dict(score):
    return {
        "assignment_id": score.assignment_id,
        "student_id": score.student_id,
        "points": float(score.points) if score.points is not None else None,
        "missing": score.missing,
        "excused": score.excused,
        "late": score.late,
        "comment": score.comment,
    }


def student_section_summary(section, student, published_only=True):
    scores = student.scores.filter(assignment__section=section).select_related("assignment__category")
    if published_only:
        scores = scores.published()
    avg = section_average(section, student)
    return {
        "section": str(section),
        "course": section.course.name,
        "teacher": section.teacher.full_name if section.teacher else "",
        "average": avg,
        "letter": letter_for(avg),
        "categories": category_averages(section, student),
        "scores": [dict(score_to_dict(s), title=s.assignment.title, due=s.assignment.due_date.isoformat())
                   for s in scores],
    }
