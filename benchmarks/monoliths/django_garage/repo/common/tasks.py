import datetime
import logging

import requests
from celery import shared_task
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone

from common.decorators import single_instance_task
from common.models import Appointment, AppointmentReminder
from common.utils import normalise_phone

logger = logging.getLogger('garage.tasks')

SMS_API_URL = 'https://api.textlocal.example/send/'


# ---------------------------------------------------------------------------
# generic notification plumbing (used from all over the place)
# ---------------------------------------------------------------------------

def send_templated_email(to, subject, template, context, attachments=None, bcc=None):
    if not to:
        return False
    if isinstance(to, str):
        to = [to]
    text_body = render_to_string(template + '.txt', context)
    try:
        html_body = render_to_string(template + '.html', context)
    except Exception:
        html_body = None
    msg = EmailMultiAlternatives(subject, text_body, settings.DEFAULT_FROM_EMAIL, to, bcc=bcc or [])
    if html_body:
        msg.attach_alternative(html_body, 'text/html')
    for att in attachments or []:
        msg.attach(*att)
    msg.send(fail_silently=False)
    return True


def send_sms(phone, text, sender='SpeedyFix'):
    """Returns provider message id or None. Never raises (front desk hated the 500s)."""
    phone = normalise_phone(phone)
    if not phone:
        return None
    try:
        resp = requests.post(SMS_API_URL, data={
            'apikey': getattr(settings, 'SMS_API_KEY', ''),
            'numbers': phone,
            'sender': sender,
            'message': text[:459],
        }, timeout=10)
        data = resp.json()
        if data.get('status') != 'success':
            logger.warning('sms failed: %s', data)
            return None
        return str(data.get('batch_id', ''))
    except Exception:
        logger.exception('sms error')
        return None


# ---------------------------------------------------------------------------
# booking reminders
# ---------------------------------------------------------------------------

def _reminder_text(appt):
    return ('Reminder: your %s (%s) is booked in at SpeedyFix on %s at %s. '
            'Reply STOP to opt out.') % (
        appt.service_code, appt.vehicle.registration,
        appt.starts_at.strftime('%d/%m'), appt.starts_at.strftime('%H:%M'))


@shared_task
@single_instance_task(timeout=600)
def send_appointment_reminders():
    now = timezone.now()
    window_end = now + datetime.timedelta(hours=settings.GARAGE_REMINDER_HOURS_BEFORE)
    qs = (Appointment.objects
          .filter(starts_at__gt=now, starts_at__lte=window_end, status__in=['booked', 'confirmed'])
          .exclude(reminders__channel='sms')
          .select_related('customer', 'vehicle'))
    sent = 0
    for appt in qs:
        if appt.customer.marketing_opt_out and not appt.customer.phone:
            continue
        ref = send_sms(appt.customer.phone, _reminder_text(appt))
        AppointmentReminder.objects.create(appointment=appt, channel='sms', provider_ref=ref or '',
                                           failed=ref is None)
        sent += 1
    logger.info('sent %d appointment reminders', sent)
    return sent


@shared_task
def send_single_reminder(appointment_id, channel='email'):
    appt = Appointment.objects.select_related('customer', 'vehicle').get(pk=appointment_id)
    if channel == 'sms':
        ref = send_sms(appt.customer.phone, _reminder_text(appt))
        ok = ref is not None
    else:
        ok = send_templated_email(appt.customer.email, 'Your booking at SpeedyFix',
                                  'emails/appointment_reminder', {'appt': appt})
        ref = ''
    AppointmentReminder.objects.update_or_create(
        appointment=appt, channel=channel,
        defaults={'sent_at': timezone.now(), 'provider_ref': ref or '', 'failed': not ok})


@shared_task
def mark_no_shows(grace_minutes=45):
    cutoff = timezone.now() - datetime.timedelta(minutes=grace_minutes)
    n = (Appointment.objects
         .filter(starts_at__lt=cutoff, status__in=['booked', 'confirmed'], starts_at__date=timezone.localdate())
         .update(status='no_show'))
    if n:
        logger.info('marked %d no-shows', n)
    return n


# ---------------------------------------------------------------------------
# housekeeping
# ---------------------------------------------------------------------------

@shared_task
def purge_soft_deleted(days=365):
    """Hard-delete anything soft-deleted more than a year ago (GDPR)."""
    cutoff = timezone.now() - datetime.timedelta(days=days)
    total = 0
    for model in apps.get_models():
        if hasattr(model, 'all_objects') and any(f.name == 'deleted_at' for f in model._meta.fields):
            n, _ = model.all_objects.filter(deleted_at__lt=cutoff).hard_delete()
            total += n
    return total


@shared_task
def clear_expired_sessions():
    Session.objects.filter(expire_date__lt=timezone.now()).delete()
