import logging

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from clinic.models import LabOrder
from utils.mail import send_templated_email

log = logging.getLogger(__name__)


@receiver(pre_save, sender=LabOrder)
def lab_order_status_change(sender, instance, **kwargs):
    if not instance.pk:
        return
    old = LabOrder.objects.filter(pk=instance.pk).values_list('status', flat=True).first()
    instance._old_status = old


@receiver(post_save, sender=LabOrder)
def lab_order_received_notify(sender, instance, created, **kwargs):
    old = getattr(instance, '_old_status', None)
    if instance.status == 'received' and old != 'received':
        appt = instance.fit_appointment
        send_templated_email('emails/lab_work_arrived', {'order': instance, 'appt': appt},
                             instance.dentist.user.email)
    if instance.status == 'remake' and old != 'remake':
        log.warning('remake requested on lab order %s (%s)', instance.pk, instance.lab)
