import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.models import Event


class Command(BaseCommand):
    help = "Unpublish events whose last performance is over (runs nightly)"

    def handle(self, *args, **options):
        cutoff = timezone.now() - datetime.timedelta(hours=6)
        closed = 0
        for event in Event.objects.published().prefetch_related("performances"):
            last = max((p.starts_at for p in event.performances.all()), default=None)
            if last and last < cutoff:
                event.status = "draft"
                event.save(update_fields=["status", "updated_at"])
                closed += 1
        self.stdout.write(f"closed {closed} events")
