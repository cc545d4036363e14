from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import Payment


@receiver(post_save, sender=Payment)
def payment_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created or not instance.invoice_id:
        return
    from office.invoicing import recalculate_invoice
    recalculate_invoice(instance.invoice)
