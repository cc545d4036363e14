import logging

from celery import shared_task

from attendance.helpers import recompute_daily_summary, unexplained_absences
from attendance.models import AttendanceRecord
from common.dates import today
from common.notify import notify_contact, render_message

log = logging.getLogger(__name__)

ABSENCE_SMS = {
    "en": "{{ student }} was marked absent today at {{ school }}. Please call the office or "
          "send a note on the parent portal.",
    "es": "{{ student }} fue marcado ausente hoy en {{ school }}. Por favor llame a la oficina o "
          "envie una nota en el portal de padres.",
}


@shared_task
def nightly_daily_summaries(day=None):
    day = day or today()
    students = (AttendanceRecord.objects.filter(date=day).values_list("student", flat=True).distinct())
    from core.models import Student
    n = 0
    for student in Student.objects.filter(id__in=list(students)):
        recompute_daily_summary(student, day)
        n += 1
    log.info("rebuilt %d daily summaries for %s", n, day)
    return n


@shared_task
def notify_unexplained_absences(day=None):
    day = day or today()
    sent = 0
    for student in unexplained_absences(day):
        for guardian in student.contactable_guardians():
            lang = guardian.preferred_language if guardian.preferred_language in ABSENCE_SMS else "en"
            body = render_message(ABSENCE_SMS[lang], {"student": student.first_name,
                                                      "school": student.school.name})
            if notify_contact(email=guardian.email, mobile=guardian.mobile,
                              prefers_sms=guardian.receives_sms,
                              subject="Absence: %s" % student.full_name, body=body):
                sent += 1
    return sent
