import logging

from django.db.models.signals import post_save
from django.dispatch import receiver

from core.models import Payment

log = logging.getLogger(__name__)


@receiver(post_save, sender=Payment)
def payment_receipt(sender, instance, created, **kwargs):
    if not created or instance.reversed:
        return
    from common.messaging import send_to_tenant
    from common.utils import format_money

    try:
        send_to_tenant(instance.tenant, "payment-receipt",
                       amount=format_money(instance.amount_cents), invoice=instance.invoice)
    except Exception:  # noqa: BLE001 - a missing template must not block a payment
        log.exception("receipt for payment %s not sent", instance.pk)
