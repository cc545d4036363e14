import datetime
import logging

from django.conf import settings
from django.utils import timezone

from misc.models import ReminderLog
from office.models import Appointment, Recall
from utils.dates import today_local
from utils.mail import send_bulk, send_templated_email
from utils.sms import send_sms

log = logging.getLogger(__name__)


class ReminderText(object):
    SMS = ('Hi {first}, reminder of your {type} appointment at {practice} on {when}. '
           'Reply C to confirm or call {phone} to change.')

    def __init__(self, appt):
        self.appt = appt

    def sms(self):
        a = self.appt
        return self.SMS.format(first=a.patient.preferred_name or a.patient.first_name,
                               type=a.appt_type.name.lower(), practice=a.practice.name,
                               when=timezone.localtime(a.start).strftime('%a %b %d at %I:%M%p'),
                               phone=a.practice.phone)


def appointments_needing_reminder(hours=None):
    hours = hours or settings.REMINDER_HOURS_BEFORE
    now = timezone.now()
    return (Appointment.objects.active()
            .filter(start__gt=now, start__lte=now + datetime.timedelta(hours=hours), reminder_sent=False)
            .select_related('patient', 'practice', 'appt_type'))


def send_appointment_reminder(appt):
    patient = appt.patient
    sent = False
    if patient.sms_opt_in and patient.mobile:
        ref = send_sms(patient.mobile, ReminderText(appt).sms())
        ReminderLog.objects.create(appointment=appt, channel='sms', status='sent' if ref else 'failed',
                                   provider_ref=ref or '')
        sent = sent or bool(ref)
    if patient.email_opt_in and patient.email:
        ok = send_templated_email('emails/appointment_reminder', {'appt': appt}, patient.email)
        ReminderLog.objects.create(appointment=appt, channel='email', status='sent' if ok else 'failed')
        sent = sent or ok
    if sent:
        Appointment.objects.filter(pk=appt.pk).update(reminder_sent=True)
    return sent


def send_all_reminders():
    n = 0
    for appt in appointments_needing_reminder():
        if send_appointment_reminder(appt):
            n += 1
    return n


def send_recall_letters(max_times=3):
    today = today_local()
    due = Recall.objects.filter(status='pending', due_date__lte=today + datetime.timedelta(days=30),
                                times_sent__lt=max_times).select_related('patient')
    batch = []
    for recall in due:
        if recall.last_sent and (today - recall.last_sent).days < 21:
            continue
        if recall.patient.email and recall.patient.email_opt_in:
            batch.append(('emails/recall_due', {'recall': recall, 'patient': recall.patient},
                          recall.patient.email))
        Recall.objects.filter(pk=recall.pk).update(last_sent=today, times_sent=recall.times_sent + 1)
    sent = send_bulk(batch)
    Recall.objects.filter(status='pending', times_sent__gte=max_times,
                          due_date__lt=today - datetime.timedelta(days=90)).update(status='lapsed')
    return sent
