import datetime
import logging

from django.db import transaction
from django.utils import timezone

from accounts.rota import clinicians_on_duty
from clinic.models import Chair, LabOrder
from office.models import Appointment, AppointmentType, Recall, WaitingListEntry
from utils.dates import now_local

log = logging.getLogger(__name__)

SLOT_MINUTES = 10


class BookingError(Exception):
    pass


def chair_for_appointment_type(practice, appt_type, start, end):
    chairs = Chair.objects.filter(practice=practice, is_active=True)
    if appt_type.hygiene:
        chairs = chairs.order_by('-hygiene_only', 'display_order')
    else:
        chairs = chairs.filter(hygiene_only=False)
    for chair in chairs:
        if not Appointment.objects.active().filter(chair=chair).overlapping(start, end).exists():
            return chair
    return None


def is_slot_free(clinician, start, end, exclude_pk=None):
    qs = Appointment.objects.active().for_clinician(clinician).overlapping(start, end)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return not qs.exists()


def find_free_slots(practice, clinician, day, minutes, limit=20):
    tz = timezone.get_current_timezone()
    open_at = timezone.make_aware(datetime.datetime.combine(day, practice.opening_time), tz)
    close_at = timezone.make_aware(datetime.datetime.combine(day, practice.closing_time), tz)
    if clinician not in clinicians_on_duty(practice, day):
        return []
    busy = list(Appointment.objects.active().for_clinician(clinician).on_day(day).values_list('start', 'end'))
    slots = []
    t = open_at
    step = datetime.timedelta(minutes=SLOT_MINUTES)
    length = datetime.timedelta(minutes=minutes)
    while t + length <= close_at and len(slots) < limit:
        if all(not (t < b_end and t + length > b_start) for b_start, b_end in busy):
            slots.append(t)
        t += step
    return slots


def _check_lab_work_ready(patient, appt_type, start):
    if not appt_type.requires_lab_work:
        return
    pending = LabOrder.objects.filter(patient=patient).exclude(status__in=['fitted', 'cancelled'])
    late = [o for o in pending if o.due_on and o.due_on >= start.date()]
    if late:
        raise BookingError('Lab work for %s is not due back until %s' % (patient, late[0].due_on))


@transaction.atomic
def book(patient, practice, clinician, appt_type, start, minutes=None, booked_by=None, notes='', chair=None):
    minutes = minutes or appt_type.default_minutes
    end = start + datetime.timedelta(minutes=minutes)
    if start < now_local() - datetime.timedelta(minutes=15):
        raise BookingError('Cannot book in the past')
    if not is_slot_free(clinician, start, end):
        raise BookingError('%s is already booked at that time' % clinician)
    _check_lab_work_ready(patient, appt_type, start)
    chair = chair or chair_for_appointment_type(practice, appt_type, start, end)
    appt = Appointment.objects.create(
        patient=patient, practice=practice, clinician=clinician, chair=chair, appt_type=appt_type,
        start=start, end=end, booked_by=booked_by, notes=notes)
    if appt_type.is_recall_type:
        Recall.objects.filter(patient=patient, status='pending').update(status='booked')
    WaitingListEntry.objects.filter(patient=patient, appt_type=appt_type, resolved=False).update(resolved=True)
    return appt


@transaction.atomic
def reschedule(appt, new_start, clinician=None, minutes=None):
    clinician = clinician or appt.clinician
    minutes = minutes or appt.duration_minutes
    new_end = new_start + datetime.timedelta(minutes=minutes)
    if not is_slot_free(clinician, new_start, new_end, exclude_pk=appt.pk):
        raise BookingError('Slot not free')
    Appointment.objects.filter(pk=appt.pk).update(start=new_start, end=new_end, clinician=clinician,
                                                  reminder_sent=False, status='booked')
    # keep fit date on lab orders in step
    LabOrder.objects.filter(fit_appointment=appt).update(fit_appointment=appt)
    appt.refresh_from_db()
    return appt


def cancel(appt, reason='', by_patient=True):
    appt.status = 'cancelled'
    appt.cancelled_reason = reason[:120]
    appt.save(update_fields=['status', 'cancelled_reason'])
    if by_patient and appt.start - timezone.now() < datetime.timedelta(hours=24):
        log.info('late cancellation %s', appt.pk)
        # TODO late cancellation fee - finance haven't decided (2022-05)
    return appt


def bulk_cancel_for_leave(staff, start_date, end_date, reason='Clinician unavailable'):
    qs = Appointment.objects.active().filter(clinician=staff, start__date__gte=start_date,
                                             start__date__lte=end_date)
    affected = list(qs.select_related('patient'))
    for appt in affected:
        cancel(appt, reason, by_patient=False)
        WaitingListEntry.objects.create(patient=appt.patient, practice=appt.practice,
                                        appt_type=appt.appt_type, priority=1,
                                        notes='Rebook - cancelled %s' % appt.start.date())
    return affected


def create_recall_after_visit(appt):
    from dateutil.relativedelta import relativedelta
    if not appt.appt_type.is_recall_type:
        return None
    months = 6
    existing = Recall.objects.filter(patient=appt.patient, recall_type='hygiene').first()
    if existing:
        months = existing.interval_months
        existing.due_date = appt.start.date() + relativedelta(months=months)
        existing.status = 'pending'
        existing.times_sent = 0
        existing.save()
        return existing
    return Recall.objects.create(patient=appt.patient, interval_months=months,
                                 due_date=appt.start.date() + relativedelta(months=months))
