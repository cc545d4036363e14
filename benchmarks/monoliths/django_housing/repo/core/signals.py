"""
Signal handlers for the whole project.  (Other apps' handlers were moved
here in 2017 to fix an import-order bug; accounts still has some in its
models.py.)
"""
import logging

from django.conf import settings
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from common.utils import send_notification

logger = logging.getLogger("reslife.signals")


@receiver(post_save, sender="core.RoomAssignment")
def create_charges_for_assignment(sender, instance, created, **kwargs):
    """Rent is charged as soon as an assignment becomes active."""
    if instance.status != "active":
        return
    from core.billing import charge_assignment, BillingError
    try:
        charge_assignment(instance)
    except BillingError:
        logger.exception("could not post rent for assignment %s", instance.pk)
    except Exception:  # AllocationError (no rate) -- don't block check-in
        logger.exception("no rate for assignment %s", instance.pk)


@receiver(post_save, sender="core.RoomAssignment")
def issue_card_for_assignment(sender, instance, created, **kwargs):
    if instance.status != "active":
        return
    from accounts.models import AccessCard
    hall_id = instance.bed.room.hall_id
    card = AccessCard.objects.filter(resident_id=instance.resident_id, status="active").first()
    if card is None:
        AccessCard.objects.create(resident_id=instance.resident_id, hall_id=hall_id,
                                  expires_on=instance.end_date)
    elif card.hall_id != hall_id:
        card.hall_id = hall_id
        card.expires_on = instance.end_date
        card.synced_to_card_system = False
        card.save()


@receiver(post_save, sender="community.Sanction")
def end_assignment_on_eviction(sender, instance, created, **kwargs):
    if not created or instance.kind != "eviction":
        return
    from core.allocation import end_assignment
    from core.models import RoomAssignment
    for a in RoomAssignment.objects.filter(resident_id=instance.resident_id, status="active"):
        end_assignment(a, "eviction", when=instance.effective_date)


@receiver(post_save, sender="community.Sanction")
def bill_sanction_fine(sender, instance, created, **kwargs):
    if not created or instance.kind not in ("fine", "restitution") or not instance.amount:
        return
    from core.billing import post_charge
    post_charge(instance.resident, instance.amount, "conduct_fine",
                "%s (%s)" % (instance.get_kind_display(), instance.incident.reference),
                due_date=instance.due_date, source_ref="SANC-%d" % instance.pk)


@receiver(pre_save, sender="legacy.WorkOrder")
def bill_damage_charge(sender, instance, **kwargs):
    """When facilities closes a resident-caused work order with a damage amount,
    bill the reporter's roommates... no, just the reporter. (HOUS-219)"""
    if not instance.pk or instance.status != "closed":
        return
    if not instance.resident_caused or not instance.damage_charge or not instance.reported_by_id:
        return
    from core.billing import post_charge
    from core.models import RentCharge
    ref = "WO-%d" % instance.pk
    if RentCharge.objects.filter(source_ref=ref).exists():
        return
    post_charge(instance.reported_by, instance.damage_charge, "damage",
                "Damage: %s" % instance.summary[:150], source_ref=ref)


@receiver(post_save, sender="legacy.WorkOrder")
def notify_technician_on_assignment(sender, instance, created, **kwargs):
    if created:
        from legacy.helpers import compute_due_at
        if instance.due_at is None:
            type(instance).objects.filter(pk=instance.pk).update(due_at=compute_due_at(instance))
        if instance.priority == "emergency":
            send_notification("EMERGENCY WO-%d" % instance.pk, instance.summary,
                              [settings.FACILITIES_EMAIL])
        return
    if instance.technician_id and instance.status == "assigned" and instance.technician.user_id:
        send_notification("You have been assigned WO-%d" % instance.pk,
                          "%s\n\n%s" % (instance.summary, instance.details),
                          [instance.technician.user.email])


@receiver(post_save, sender="community.Incident")
def log_incident_created(sender, instance, created, **kwargs):
    if not created:
        return
    if instance.severity in ("high", "critical"):
        send_notification("[%s] New %s incident %s" % (instance.severity.upper(),
                                                       instance.get_incident_type_display(),
                                                       instance.reference),
                          "Reported at %s" % timezone.localtime(instance.created_at),
                          [settings.CONDUCT_OFFICE_EMAIL])


@receiver(pre_save, sender="community.EventRSVP")
def rsvp_capacity_check(sender, instance, **kwargs):
    if instance.pk:
        return
    event = instance.event
    cap = event.capacity or settings.RESLIFE_EVENT_MAX_RSVP
    taken = event.rsvps.filter(waitlisted=False).count()
    instance.waitlisted = taken >= cap
