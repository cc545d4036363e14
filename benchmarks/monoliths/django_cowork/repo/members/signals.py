from django.db.models.signals import post_save
from django.dispatch import receiver

from members.models import Member, Membership, MemberProfile


@receiver(post_save, sender=Member)
def create_profile(sender, instance, created, **kwargs):
    if created:
        MemberProfile.objects.get_or_create(member=instance)


@receiver(post_save, sender=Membership)
def membership_ended(sender, instance, created, **kwargs):
    if instance.status != Membership.ENDED:
        return
    if instance.member.memberships.filter(status=Membership.ACTIVE).exists():
        return
    from access.services import deactivate_cards_for_member
    deactivate_cards_for_member(instance.member, reason="membership ended")
