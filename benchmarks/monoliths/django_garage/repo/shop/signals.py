"""
Imported at the bottom of shop/models.py... no wait, from garage/urls.py.
Don't ask. (There is no apps.py with ready() in this project.)
"""
import logging

from django.db.models import F
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from common.tasks import send_sms
from shop.models import Part, PurchaseOrder, WorkOrder, WorkOrderPart

logger = logging.getLogger('garage.shop.signals')


@receiver(pre_save, sender=WorkOrder)
def remember_old_status(sender, instance, **kwargs):
    if instance.pk:
        instance._old_status = (WorkOrder.objects.filter(pk=instance.pk)
                                .values_list('status', flat=True).first())
    else:
        instance._old_status = None


@receiver(post_save, sender=WorkOrder)
def notify_customer_on_completion(sender, instance, created, **kwargs):
    old = getattr(instance, '_old_status', None)
    if created or old == instance.status:
        return
    if instance.status == 'completed':
        customer = instance.customer
        if customer.phone:
            send_sms(customer.phone, 'Good news! Your %s is ready for collection from SpeedyFix.'
                     % instance.vehicle.registration)
        if instance.mileage_in:
            instance.vehicle.__class__.objects.filter(
                pk=instance.vehicle_id, mileage__lt=instance.mileage_in
            ).update(mileage=instance.mileage_in, mileage_recorded_at=timezone.localdate())


@receiver(post_save, sender=WorkOrder)
def sync_appointment_status(sender, instance, created, **kwargs):
    if not instance.appointment_id:
        return
    from common.models import Appointment
    if instance.status == 'cancelled':
        Appointment.objects.filter(pk=instance.appointment_id).update(status='cancelled')
    elif created:
        Appointment.objects.filter(pk=instance.appointment_id).exclude(status='converted').update(status='converted')


@receiver(post_delete, sender=WorkOrderPart)
def release_reserved_stock(sender, instance, **kwargs):
    if instance.fitted:
        return
    Part.objects.filter(pk=instance.part_id).update(qty_reserved=F('qty_reserved') - instance.quantity)


@receiver(post_save, sender=PurchaseOrder)
def tell_technician_parts_arrived(sender, instance, created, **kwargs):
    if created or instance.status != 'received' or not instance.for_work_order_id:
        return
    wo = instance.for_work_order
    if wo.technician_id and wo.technician.mobile:
        send_sms(wo.technician.mobile, 'Parts for %s (%s) have arrived' % (wo.number, wo.vehicle.registration))
