from django.core.management.base import BaseCommand
from django.utils import timezone

from common.messaging import send_notice, tenants_of_building
from portal.models import Notice


class Command(BaseCommand):
    help = "Send building notices whose scheduled time has passed (cron: every 10 min)."

    def handle(self, *args, **options):
        due = Notice.objects.filter(sent_at__isnull=True, scheduled_for__lte=timezone.now())
        for notice in due.exclude(building__isnull=True):
            count = send_notice(notice, tenants_of_building(notice.building))
            self.stdout.write(f"notice {notice.pk}: {count} delivered")
