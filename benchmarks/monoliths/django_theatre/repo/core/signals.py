"""
All the signal handlers, for every app. Imported at the bottom of
core/models.py because we never added AppConfigs.

Senders are lazy "app.Model" strings to avoid import loops.
"""
import logging

from django.conf import settings
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from core.utils import normalise_email

log = logging.getLogger(__name__)

TRACKED_PERFORMANCE_FIELDS = ("starts_at", "status", "auditorium_id", "doors_open", "is_relaxed", "is_captioned", "is_bsl")


@receiver(pre_save, sender="core.Patron")
def normalise_patron_email(sender, instance, **kwargs):
    instance.email = normalise_email(instance.email)
    if instance.is_company and not instance.last_name:
        instance.last_name = instance.company_name[:100]


@receiver(pre_save, sender="core.Performance")
def log_performance_change(sender, instance, **kwargs):
    from main.models import PerformanceChange

    if not instance.pk:
        return
    try:
        old = sender.objects.get(pk=instance.pk)
    except sender.DoesNotExist:
        return
    for field in TRACKED_PERFORMANCE_FIELDS:
        before, after = getattr(old, field), getattr(instance, field)
        if before != after:
            PerformanceChange.objects.create(
                performance=instance,
                field=field,
                old_value="" if before is None else str(before),
                new_value="" if after is None else str(after),
            )
    instance._status_was = old.status


@receiver(post_save, sender="core.Performance")
def queue_cancellation_notices(sender, instance, created, **kwargs):
    from main.tasks import email_cancellation_notices

    if created:
        return
    if instance.status == "cancelled" and getattr(instance, "_status_was", None) != "cancelled":
        email_cancellation_notices.delay(instance.pk)


@receiver(post_save, sender="main.Membership")
def add_member_to_members_list(sender, instance, **kwargs):
    from core.models import ContactPreference
    from legacy.models import MailingList

    if instance.status != "active":
        return
    mlist, _ = MailingList.objects.get_or_create(
        slug=settings.MEMBERS_MAILING_LIST_SLUG, defaults={"name": "Members", "is_public": False}
    )
    ContactPreference.objects.get_or_create(
        patron=instance.patron,
        channel="email",
        mailing_list=mlist,
        defaults={"opted_in": True, "source": "membership"},
    )


@receiver(post_save, sender="legacy.Gift")
def mark_pledge_instalment_paid(sender, instance, created, **kwargs):
    """If a gift arrives from someone with an open pledge on that campaign, tick off the next instalment."""
    from backoffice.models import PledgeInstalment

    if not created or not instance.campaign_id:
        return
    inst = (
        PledgeInstalment.objects.filter(
            pledge__patron_id=instance.donor_id,
            pledge__campaign_id=instance.campaign_id,
            pledge__status="active",
            paid_on__isnull=True,
        )
        .order_by("due_on")
        .first()
    )
    if inst is not None and inst.amount <= instance.amount:
        inst.paid_on = instance.received_on
        inst.gift = instance
        inst.save(update_fields=["paid_on", "gift"])
        pledge = inst.pledge
        if not pledge.instalment_set.filter(paid_on__isnull=True).exists():
            pledge.status = "complete"
            pledge.save(update_fields=["status", "modified"])


@receiver(post_save, sender="backoffice.TillSession")
def create_cashup_on_close(sender, instance, **kwargs):
    from backoffice.models import CashUp, CashUpLine

    if instance.status != "closed":
        return
    cashup, created = CashUp.objects.get_or_create(session=instance)
    if created:
        CashUpLine.objects.bulk_create(
            [CashUpLine(cashup=cashup, denomination=d, quantity=0) for d in CashUpLine.DENOMINATIONS]
        )
        takings = instance.takings_by_method()
        cashup.expected_cash = instance.expected_cash()
        cashup.card_total = takings.get("card_present", 0)
        cashup.save()


@receiver(post_save, sender="main.Order")
def release_holds_on_paid(sender, instance, **kwargs):
    from main.models import SeatHold

    if instance.status == "paid":
        SeatHold.objects.filter(basket__session_key__isnull=False, basket__status="checked_out",
                                seat__in=instance.tickets.values("seat")).delete()
