from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from crm.models import RecurringGift, Volunteer, Interaction
from utils.emails import send_templated_email


@receiver(pre_save, sender=RecurringGift)
def recurring_gift_status_change(sender, instance, **kwargs):
    if not instance.pk:
        return
    old = RecurringGift.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    if old == "active" and instance.status == "cancelled":
        send_templated_email(instance.supporter.email, "dd_cancelled", {"gift": instance})


@receiver(post_save, sender=Volunteer)
def volunteer_created(sender, instance, created, **kwargs):
    if not created:
        return
    send_templated_email(instance.supporter.email, "volunteer_welcome",
                         {"volunteer": instance, "supporter": instance.supporter})
    Interaction.objects.create(supporter=instance.supporter, kind="volunteer-application",
                               notes="Applied to volunteer (%s)" % instance.preferred_location)
