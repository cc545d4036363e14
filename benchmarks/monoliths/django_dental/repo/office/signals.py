from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from office.models import Appointment, InvoiceLine


@receiver(pre_save, sender=Appointment)
def appointment_status_changed(sender, instance, **kwargs):
    if not instance.pk:
        return
    try:
        old = Appointment.objects.get(pk=instance.pk)
    except Appointment.DoesNotExist:
        return
    if old.status != 'completed' and instance.status == 'completed':
        from office.booking import create_recall_after_visit
        create_recall_after_visit(instance)


@receiver([post_save, post_delete], sender=InvoiceLine)
def invoice_line_changed(sender, instance, **kwargs):
    from office.invoicing import recalculate_invoice
    if kwargs.get('raw'):
        return
    try:
        recalculate_invoice(instance.invoice)
    except Exception:
        # invoice already deleted (cascade)
        pass
