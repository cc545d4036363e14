from datetime import timedelta

from django.db.models.signals import post_save
from django.dispatch import receiver

from legacy.models import CheckIn, DoorCard, SaleLine
from legacy.pos import adjust_stock


@receiver(post_save, sender="core.Membership")
def block_cards_when_lapsed(sender, instance, **kwargs):
    if instance.status in ("expired", "cancelled") and not instance.member.has_access():
        DoorCard.objects.filter(member=instance.member, active=True).update(active=False)


@receiver(post_save, sender=SaleLine)
def stock_after_sale(sender, instance, created, **kwargs):
    if created:
        adjust_stock(instance.product, instance.sale.club, -instance.qty, "sale",
                     instance.sale.staff, "sale %s" % instance.sale_id)


@receiver(post_save, sender=CheckIn)
def auto_attend_classes(sender, instance, created, **kwargs):
    """Checking in up to 30 min before a class counts as attending it (instructors forget)."""
    from common.models import Booking
    if not created or not instance.granted:
        return
    Booking.objects.filter(member=instance.member, status="booked",
                           session__studio__club=instance.club,
                           session__starts_at__gte=instance.at,
                           session__starts_at__lte=instance.at + timedelta(minutes=30)
                           ).update(status="attended")
