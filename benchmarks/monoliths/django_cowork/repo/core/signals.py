import logging

from django.db.models.signals import post_save
from django.dispatch import receiver

from common.slack import post_to_slack
from core.models import Invoice, Payment

log = logging.getLogger(__name__)


@receiver(post_save, sender=Payment)
def payment_saved(sender, instance, created, **kwargs):
    if instance.status != Payment.SUCCEEDED:
        return
    invoice = instance.invoice
    # member was suspended for non-payment -> reactivate
    from members.services import unsuspend_member
    if invoice.member.suspended and not Invoice.objects.filter(member=invoice.member).overdue().exists():
        unsuspend_member(invoice.member)


@receiver(post_save, sender=Payment)
def payment_failed_alert(sender, instance, created, **kwargs):
    if instance.status == Payment.FAILED and instance.attempts >= 3:
        post_to_slack(":rotating_light: payment for %s failed %d times (%s)"
                      % (instance.invoice, instance.attempts, instance.failure_reason), channel="#billing")
