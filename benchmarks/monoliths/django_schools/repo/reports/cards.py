"""Report card generation (grades + attendance for a grading period)."""
import io
import logging

from django.core.files.base import ContentFile
from django.db import transaction

from common.dates import today
from common.formatting import format_name, grade_level_label
from reports.models import ReportCard, ReportCardLine

log = logging.getLogger(__name__)


@transaction.atomic
def build_report_card(student, term, overwrite=False):
    from attendance.helpers import day_counts
    from core.models import Enrolment
    from gradebook.calc import gpa, letter_for, section_average

    card, created = ReportCard.objects.get_or_create(student=student, term=term)
    if card.status == "published" and not overwrite:
        return card
    card.lines.all().delete()
    enrolments = (Enrolment.objects.filter(student=student, section__term__start_date__lte=term.end_date,
                                           section__term__end_date__gte=term.start_date)
                  .exclude(status="dropped").select_related("section__course", "section__teacher"))
    for enrolment in enrolments:
        section = enrolment.section
        pct = section_average(section, student, term)
        ReportCardLine.objects.create(
            card=card, section=section, percent=pct, letter=letter_for(pct),
            teacher_name=section.teacher.full_name if section.teacher else "")
    card.gpa = gpa(student, term) if student.grade_level >= 6 else None
    card.days_absent, card.days_tardy = day_counts(student, term.start_date, term.end_date)
    card.save()
    return card


def card_context(card):
    student = card.student
    return {
        "card": card,
        "student_name": format_name(student.first_name, student.last_name, last_first=True),
        "grade": grade_level_label(student.grade_level),
        "school": student.school.name,
        "lines": list(card.lines.select_related("section__course")),
        "guardian": student.primary_guardian(),
    }


def render_card_pdf(card):
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    ctx = card_context(card)
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=letter)
    pdf.setFont("Helvetica", 10)
    pdf.drawString(50, 740, "%s - Report Card - %s   Grade %s   %s" % (
        ctx["school"], ctx["student_name"], ctx["grade"], card.term))
    y = 710
    for line in ctx["lines"]:
        pdf.drawString(50, y, "%-30s %6s %3s  %s" % (line.section.course.name[:30],
                                                    line.percent if line.percent is not None else "",
                                                    line.letter, line.teacher_name))
        y -= 16
    y -= 10
    pdf.drawString(50, y, "Days absent: %d    Days tardy: %d" % (card.days_absent, card.days_tardy))
    if card.gpa is not None:
        pdf.drawString(350, y, "GPA: %s" % card.gpa)
    pdf.showPage()
    pdf.save()
    card.pdf.save("%s-%s.pdf" % (card.student.local_id, card.term_id), ContentFile(buf.getvalue()), save=False)
    return card


def publish_cards(term, students=None):
    from core.models import Student

    students = students or Student.objects.active().filter(school=term.school)
    published = 0
    for student in students:
        card = build_report_card(student, term)
        render_card_pdf(card)
        card.status = "published"
        card.issued_on = today()
        card.save()
        published += 1
    term.grades_locked = True
    term.save(update_fields=["grades_locked"])
    log.info("published %d report cards for %s", published, term)
    return published
