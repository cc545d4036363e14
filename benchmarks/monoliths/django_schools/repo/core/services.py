"""Registration, withdrawal and section enrolment.

Started life as helpers inside core/views.py; moved here when the SSID import
needed the same logic.
"""
import logging

from django.db import transaction

from common.dates import today
from common.exceptions import SISError
from core.models import Enrolment, Guardian, Student, StudentGuardian

log = logging.getLogger(__name__)


class EnrolmentError(SISError):
    pass


def next_local_id(school):
    """Local ids are <school code><running number>, e.g. HV0100231."""
    last = (Student.all_objects.filter(local_id__startswith=school.code)
            .order_by("-local_id").values_list("local_id", flat=True).first())
    number = int(last[len(school.code):]) + 1 if last else 1
    return "%s%05d" % (school.code, number)


@transaction.atomic
def register_student(data, guardians=()):
    """Create a student and link guardians.

    ``guardians`` is a list of (guardian_data, relationship, is_primary) tuples.
    """
    student = Student(**data)
    if not student.local_id:
        student.local_id = next_local_id(student.school)
    student.save()
    for order, (guardian_data, relationship, is_primary) in enumerate(guardians, start=1):
        guardian = find_or_create_guardian(guardian_data)
        StudentGuardian.objects.create(student=student, guardian=guardian, relationship=relationship,
                                       is_primary=is_primary, emergency_order=order)
    return student


def find_or_create_guardian(data):
    """Siblings share guardians; match on email first, then name + phone."""
    email = (data.get("email") or "").strip().lower()
    if email:
        existing = Guardian.objects.filter(email__iexact=email).first()
        if existing:
            return existing
    existing = Guardian.objects.filter(first_name__iexact=data.get("first_name", ""),
                                       last_name__iexact=data.get("last_name", ""),
                                       mobile=data.get("mobile", "")).first()
    return existing or Guardian.objects.create(**data)


def check_can_enrol(student, section):
    if not student.is_active:
        raise EnrolmentError("%s is not an active student" % student)
    if section.term.school_id != student.school_id:
        raise EnrolmentError("Section belongs to another school")
    allowed = section.course.allowed_grades()
    if allowed and student.grade_level not in allowed:
        raise EnrolmentError("%s is not offered to grade %s" % (section.course, student.grade_label))
    if Enrolment.objects.filter(student=student, section__course=section.course,
                                section__term=section.term, status="active").exists():
        raise EnrolmentError("Already enrolled in %s this term" % section.course)


@transaction.atomic
def enrol_student(student, section, on=None, override_capacity=False):
    from attendance.helpers import backfill_not_enrolled

    on = on or today()
    check_can_enrol(student, section)
    if section.is_full() and not override_capacity:
        raise EnrolmentError("%s is full" % section)
    enrolment, created = Enrolment.objects.get_or_create(
        student=student, section=section, defaults={"enrolled_on": on})
    if not created:
        enrolment.status = "active"
        enrolment.enrolled_on = on
        enrolment.dropped_on = None
        enrolment.save()
    if on > section.term.start_date:
        # state wants the days before a late enrolment coded "not enrolled"
        backfill_not_enrolled(student, section, section.term.start_date, on)
    return enrolment


def drop_enrolment(enrolment, on=None, reason=""):
    from attendance.helpers import void_future_records

    on = on or today()
    enrolment.drop(on, reason)
    void_future_records(enrolment.student, enrolment.section, on)
    return enrolment


@transaction.atomic
def withdraw_student(student, on, reason, status="withdrawn"):
    """Leaving the district: end everything that hangs off the student."""
    from meals.billing import close_account
    from transport.services import end_assignments_for

    for enrolment in student.enrolments.filter(status="active"):
        drop_enrolment(enrolment, on, reason="withdrawn")
    end_assignments_for(student, on)
    close_account(student)
    student.withdraw(on, reason, status=status)
    log.info("withdrew %s on %s (%s)", student.local_id, on, reason)
    return student
