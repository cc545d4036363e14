from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from core.models import Supporter, Donation, GiftAidDeclaration
from core.services import update_giving_summary, recalc_campaign_total
from utils.helpers import clean_phone


@receiver(pre_save, sender=Supporter)
def normalise_supporter(sender, instance, **kwargs):
    instance.email = (instance.email or "").strip().lower()
    if instance.phone:
        instance.phone = clean_phone(instance.phone)


@receiver(post_save, sender=Donation)
def donation_saved(sender, instance, created, **kwargs):
    update_giving_summary(instance.supporter)
    if instance.campaign_id:
        recalc_campaign_total(instance.campaign)


@receiver(post_save, sender=GiftAidDeclaration)
def declaration_saved(sender, instance, created, **kwargs):
    if not created:
        return
    # back-date eligibility for unclaimed gifts covered by the new declaration
    for d in Donation.objects.filter(supporter=instance.supporter, gift_aid_claimed=False,
                                     gift_aid_eligible=False, refunded=False):
        if instance.covers(d.received):
            Donation.objects.filter(pk=d.pk).update(gift_aid_eligible=True)
