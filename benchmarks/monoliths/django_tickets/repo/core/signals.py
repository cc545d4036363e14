from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from core.models import Performance

event_published = Signal()


@receiver(post_save, sender=Performance)
def create_seat_inventory(sender, instance, created, **kwargs):
    if not created or not instance.hall.is_seated:
        return
    from boxoffice.helpers import generate_inventory
    generate_inventory(instance)


@receiver(event_published)
def announce_to_followers(sender, event, **kwargs):
    from marketing.services import queue_announcement
    queue_announcement(event)
