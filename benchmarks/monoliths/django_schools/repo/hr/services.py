import datetime

from django.db import transaction

from common.dates import school_days_between, today
from common.exceptions import SISError
from hr.models import Certification, SubstituteCover


class HRError(SISError):
    pass


def sections_to_cover(leave):
    """(section, day) pairs the absent teacher would have taught."""
    from core.models import Section

    pairs = []
    sections = Section.objects.filter(teacher=leave.staff, term__start_date__lte=leave.end_date,
                                      term__end_date__gte=leave.start_date).select_related("term")
    for day in school_days_between(leave.start_date, leave.end_date):
        for section in sections:
            if section.term.contains(day):
                pairs.append((section, day))
    return pairs


@transaction.atomic
def approve_leave(leave, by):
    if leave.status != "pending":
        raise HRError("Leave request is already %s" % leave.status)
    leave.status = "approved"
    leave.approved_by = by
    leave.save(update_fields=["status", "approved_by", "updated_at"])
    created = 0
    if leave.needs_cover and leave.staff.is_teacher:
        for section, day in sections_to_cover(leave):
            _, was_created = SubstituteCover.objects.get_or_create(leave=leave, section=section, date=day)
            created += was_created
    return created


def expiring_certifications(days=60):
    horizon = today() + datetime.timedelta(days=days)
    return (Certification.objects.filter(expires_on__lte=horizon, staff__is_active=True)
            .select_related("staff").order_by("expires_on"))
