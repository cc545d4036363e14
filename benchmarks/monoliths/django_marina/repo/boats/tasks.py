import datetime

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from boats.models import HaulOutBooking, InsurancePolicy
from utils.email import send_templated_email


@shared_task
def insurance_expiry_reminders():
    soon = timezone.localdate() + datetime.timedelta(days=21)
    for pol in InsurancePolicy.objects.filter(expires=soon).select_related('boat__owner'):
        owner = pol.boat.owner
        send_templated_email(owner.email, 'Insurance renewal for %s' % pol.boat.name, 'insurance_expiry',
                             {'policy': pol, 'owner': owner})


@shared_task
def hoist_schedule_digest():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    bookings = HaulOutBooking.objects.filter(lift_at__date=tomorrow).exclude(status='cancelled').select_related('boat')
    if bookings:
        send_templated_email(settings.YARD_EMAIL, 'Hoist schedule %s' % tomorrow, 'hoist_digest', {'bookings': bookings})
