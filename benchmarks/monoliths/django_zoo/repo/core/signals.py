import logging

from django.conf import settings
from django.db.models import F
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from core.models import Adoption, Donation, Membership, TicketOrder
from utils.helpers import send_templated_email

log = logging.getLogger(__name__)


@receiver(pre_save, sender=TicketOrder)
def remember_old_order_status(sender, instance, **kwargs):
    if instance.pk:
        instance._old_status = (TicketOrder.objects.filter(pk=instance.pk)
                                .values_list("status", flat=True).first())
    else:
        instance._old_status = None


@receiver(post_save, sender=TicketOrder)
def ticket_order_paid(sender, instance, created, **kwargs):
    """When an order becomes paid: confirmation email + turn the add-on donation into a Donation."""
    if instance.status != TicketOrder.STATUS_PAID or getattr(instance, "_old_status", None) == "paid":
        return
    if instance.channel == "web":
        send_templated_email("emails/order_confirmation", instance.email,
                             {"order": instance,
                              "tickets": instance.tickets.select_related("ticket_type")})
    if instance.donation_added and instance.donation_added > 0:
        Donation.objects.get_or_create(
            order_ref=instance.reference, source="order",
            defaults={"donor_name": instance.name, "donor_email": instance.email,
                      "amount": instance.donation_added, "member": instance.member},
        )


@receiver(post_save, sender=Membership)
def membership_welcome(sender, instance, created, **kwargs):
    if not created or instance.status != "active":
        return
    if instance.renewed_from_id:
        template = "emails/membership_renewed"
    else:
        template = "emails/membership_welcome"
    try:
        send_templated_email(template, instance.member.email,
                             {"membership": instance, "member": instance.member})
    except Exception:  # noqa - SMTP flakiness shouldn't block the till
        log.exception("welcome email failed for membership %s", instance.pk)


@receiver(post_save, sender=Donation)
def donation_giftaid_check(sender, instance, created, **kwargs):
    if not created or instance.gift_aid_eligible or not instance.member_id:
        return
    if instance.member.has_gift_aid():
        Donation.objects.filter(pk=instance.pk).update(gift_aid_eligible=True)


@receiver(post_save, sender=Adoption)
def adoption_created(sender, instance, created, **kwargs):
    if not created:
        return
    from animals.models import Animal, Keeper

    # keep the counter on the animal in step (website shows "adopted by N people")
    Animal.objects.filter(pk=instance.animal_id).update(adopter_count=F("adopter_count") + 1)

    # let the section know - the keepers like to see who adopted their animals
    section_emails = list(
        Keeper.objects.filter(is_active=True, role__in=("senior", "head"),
                              section=_section_for_animal(instance.animal))
        .exclude(email="").values_list("email", flat=True))
    if section_emails:
        send_templated_email("emails/adoption_keeper_note", section_emails,
                             {"adoption": instance})
    send_templated_email("emails/adoption_fundraising", settings.ZOO_FUNDRAISING_EMAIL,
                         {"adoption": instance})


@receiver(post_delete, sender=Adoption)
def adoption_deleted(sender, instance, **kwargs):
    from animals.models import Animal
    Animal.objects.filter(pk=instance.animal_id, adopter_count__gt=0).update(
        adopter_count=F("adopter_count") - 1)


def _section_for_animal(animal):
    # TODO: enclosure should know its section. Until then, guess from the zone.
    zone = getattr(animal.enclosure, "zone", None)
    return {"africa": "hoofstock", "asia": "carnivores", "americas": "primates",
            "farm": "farm", "tropical": "reptiles"}.get(zone, "hoofstock")
