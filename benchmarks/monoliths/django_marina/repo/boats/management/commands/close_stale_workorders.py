import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from boats.models import WorkOrder


class Command(BaseCommand):
    help = 'Cancel quotes older than 90 days that were never accepted'

    def handle(self, *args, **options):
        cutoff = timezone.now() - datetime.timedelta(days=90)
        n = WorkOrder.objects.filter(status='quote', created__lt=cutoff).update(status='cancelled')
        self.stdout.write('%d stale quotes cancelled' % n)
