import logging

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from core.models import CreditNote, Invoice

logger = logging.getLogger('garage.invoicing.signals')


@receiver(pre_save, sender=Invoice)
def remember_invoice_status(sender, instance, **kwargs):
    instance._old_status = None
    if instance.pk:
        instance._old_status = Invoice.objects.filter(pk=instance.pk).values_list('status', flat=True).first()
    if instance._old_status and instance._old_status != instance.status:
        logger.info('invoice %s: %s -> %s', instance.number, instance._old_status, instance.status)


@receiver(post_save, sender=Invoice)
def mark_work_order_invoiced(sender, instance, created, **kwargs):
    if not instance.work_order_id:
        return
    from shop.models import WorkOrder
    if instance.status in ('issued', 'part_paid', 'paid'):
        WorkOrder.objects.filter(pk=instance.work_order_id, status='completed').update(status='invoiced')
    elif instance.status == 'void':
        # job goes back to completed so it can be re-invoiced
        WorkOrder.objects.filter(pk=instance.work_order_id, status='invoiced').update(status='completed')


@receiver(post_save, sender=Invoice)
def award_loyalty_on_paid(sender, instance, created, **kwargs):
    if instance.status != 'paid' or getattr(instance, '_old_status', None) == 'paid':
        return
    try:
        from customers.loyalty import award_points_for_invoice
        award_points_for_invoice(instance)
    except Exception:
        # never block a payment because of loyalty
        logger.exception('loyalty award failed for %s', instance.number)


@receiver(post_save, sender=CreditNote)
def reverse_loyalty_on_credit(sender, instance, created, **kwargs):
    if not created:
        return
    from customers.loyalty import reverse_points_for_invoice
    reverse_points_for_invoice(instance.invoice)
