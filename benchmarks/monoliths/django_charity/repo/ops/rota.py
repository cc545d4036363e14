import datetime
import logging
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from crm.models import Volunteer
from ops.models import Shift, ShiftAssignment, Timesheet
from utils.emails import send_templated_email

log = logging.getLogger(__name__)


class ShiftFull(Exception):
    pass


def open_shifts(location=None, days=30):
    now = timezone.now()
    qs = Shift.objects.filter(starts__gte=now, starts__lte=now + datetime.timedelta(days=days),
                              role__active=True).select_related("role")
    if location:
        qs = qs.filter(role__location__iexact=location)
    return [s for s in qs if s.places_left() > 0]


@transaction.atomic
def book_shift(volunteer, shift):
    shift = Shift.objects.select_for_update().get(pk=shift.pk)
    if shift.role.needs_dbs and not volunteer.dbs_checked:
        raise ValueError("DBS check required for %s" % shift.role.title)
    if shift.places_left() <= 0:
        raise ShiftFull()
    a, _ = ShiftAssignment.objects.update_or_create(shift=shift, volunteer=volunteer,
                                                    defaults={"status": "booked"})
    return a


def send_shift_reminders(hours_ahead=48):
    soon = timezone.now() + datetime.timedelta(hours=hours_ahead)
    qs = ShiftAssignment.objects.filter(status="booked", reminder_sent=False,
                                        shift__starts__lte=soon,
                                        shift__starts__gte=timezone.now()).select_related(
        "shift", "shift__role", "volunteer__supporter")
    n = 0
    for a in qs:
        if send_templated_email(a.volunteer.supporter.email, "shift_reminder",
                                {"assignment": a, "shift": a.shift}):
            a.reminder_sent = True
            a.save(update_fields=["reminder_sent"])
            n += 1
    return n


def log_hours(volunteer, worked_on, hours, assignment=None, expenses=0):
    ts = Timesheet.objects.create(volunteer=volunteer, worked_on=worked_on,
                                  hours=Decimal(hours), assignment=assignment,
                                  expenses=Decimal(expenses))
    if assignment:
        assignment.status = "attended"
        assignment.save(update_fields=["status"])
    return ts


def approve_timesheets(ids):
    Timesheet.objects.filter(pk__in=ids).update(approved=True)
    for v in Volunteer.objects.filter(timesheet__pk__in=ids).distinct():
        total = Timesheet.objects.filter(volunteer=v, approved=True).aggregate(h=Sum("hours"))["h"]
        v.hours_logged = total or 0
        v.save(update_fields=["hours_logged"])


def mark_no_shows():
    cutoff = timezone.now() - datetime.timedelta(days=2)
    return ShiftAssignment.objects.filter(status="booked", shift__ends__lt=cutoff).update(
        status="no-show")
