from django.core.management.base import BaseCommand

from ops.bookings import close_past_events


class Command(BaseCommand):
    help = "Close bookings for events that have started"

    def handle(self, *args, **options):
        self.stdout.write("%d events closed" % close_past_events())
