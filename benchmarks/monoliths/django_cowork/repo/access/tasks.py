import datetime

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from access.controllers import pull_door_events, sync_cards_to_controller
from access.models import KeyCard


@shared_task
def sync_controller():
    return sync_cards_to_controller()


@shared_task
def import_door_events():
    since = cache.get("door_events_since") or timezone.now() - datetime.timedelta(minutes=10)
    started = timezone.now()
    n = pull_door_events(since)
    cache.set("door_events_since", started, None)
    return n


@shared_task
def expire_temporary_passes():
    return KeyCard.objects.filter(valid_until__lt=timezone.now(), status=KeyCard.ACTIVE) \
        .update(status=KeyCard.DISABLED, disabled_reason="expired", synced_at=None)
