from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from common.notify import notify
from core.models import Invoice, Member, Membership, Referral


@receiver(post_save, sender=Member)
def welcome_new_member(sender, instance, created, **kwargs):
    if not created or kwargs.get("raw"):
        return
    notify(instance, "welcome", club=instance.home_club)
    # referral link: friend joined with the e-mail they were invited on
    ref = Referral.objects.filter(friend_email__iexact=instance.email, friend=None).first()
    if ref:
        ref.friend = instance
        ref.save(update_fields=["friend"])


@receiver(post_save, sender=Membership)
def sync_member_status(sender, instance, **kwargs):
    member = instance.member
    current = member.current_membership()
    if current is None:
        new = "lapsed" if member.memberships.exists() else "prospect"
    elif current.status == "frozen":
        new = "frozen"
    else:
        new = "active"
    if member.status not in ("banned", new):
        Member.objects.filter(pk=member.pk).update(status=new)


@receiver(pre_save, sender=Invoice)
def reactivate_on_payment(sender, instance, **kwargs):
    if not instance.pk or instance.status != "paid":
        return
    before = Invoice.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    if before != "paid" and instance.membership and instance.membership.status == "arrears":
        instance.membership.status = "active"
        instance.membership.save(update_fields=["status", "modified"])
