import logging

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from backoffice.models import LedgerEntry
from main.models import Customer, ParkingSession, Payment, PenaltyNotice, Permit, Vehicle
from shared.notifications import notify_pcn_issued, send_email
from shared.utils import normalise_vrm

log = logging.getLogger(__name__)


@receiver(post_save, sender=ParkingSession)
def session_post_save(sender, instance, created, **kwargs):
    if created and instance.customer_id and instance.customer.email:
        prefs = getattr(instance.customer, "notification_prefs", None)
        if prefs is None or prefs.email_receipts:
            send_email(instance.customer.email, "Parking receipt %s" % instance.reference,
                       "emails/session_receipt", {"session": instance})


@receiver(pre_save, sender=Permit)
def permit_status_changed(sender, instance, **kwargs):
    if not instance.pk:
        return
    old = Permit.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    if old != instance.status and instance.status == "active":
        send_email(instance.customer.email, "Your permit %s is active" % instance.reference,
                   "emails/permit_active", {"permit": instance})


@receiver(post_save, sender=PenaltyNotice)
def penalty_notice_created(sender, instance, created, **kwargs):
    if created and instance.photo_count == 0:
        log.warning("PCN %s issued without photos", instance.pcn_ref)


@receiver(post_save, sender=Payment)
def on_payment_mark_pcn_paid(sender, instance, created, **kwargs):
    # payments taken by phone (IVR) don't go through services.pay_penalty_notice
    if instance.purpose != "pcn" or instance.status != "captured":
        return
    PenaltyNotice.objects.filter(payment=instance).exclude(status="paid").update(
        status="paid", paid_at=instance.captured_at)


@receiver(post_save, sender=Payment)
def post_payment_to_ledger(sender, instance, created, **kwargs):
    if instance.status != "captured":
        return
    if LedgerEntry.objects.filter(payment=instance, refund__isnull=True).exists():
        return
    account = {"session": "PAYPHONE", "extension": "PAYPHONE", "permit": "PERMITS",
               "voucher": "PERMITS", "pcn": "PCN", "machine": "PDM"}.get(instance.purpose, "SUSPENSE")
    LedgerEntry.objects.create(payment=instance, account_code=account,
                               credit_pence=instance.amount_pence)


@receiver(pre_save, sender=Vehicle)
def vehicle_pre_save_normalise(sender, instance, **kwargs):
    instance.vrm = normalise_vrm(instance.vrm)


@receiver(post_save, sender=Customer)
def customer_created_send_welcome(sender, instance, created, **kwargs):
    if created and instance.email:
        send_email(instance.email, "Welcome to CityPark", "emails/welcome", {"customer": instance})
