from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from backoffice.models import WorkOrder


class Command(BaseCommand):
    help = "Cancel work orders nobody touched for 90 days (contractor never closes them)"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=90)

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=options["days"])
        qs = WorkOrder.objects.filter(status__in=["open", "assigned"], updated_at__lt=cutoff)
        n = qs.update(status="cancelled")
        self.stdout.write("cancelled %d stale work orders" % n)
