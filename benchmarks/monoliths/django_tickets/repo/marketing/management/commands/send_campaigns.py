from django.core.management.base import BaseCommand
from django.utils import timezone

from marketing.models import Campaign
from marketing.services import send_campaign, sync_opted_in_customers


class Command(BaseCommand):
    help = "Send scheduled campaigns whose time has come (cron, every 15 minutes)"

    def handle(self, *args, **options):
        added = sync_opted_in_customers()
        due = Campaign.objects.filter(status="scheduled", send_at__lte=timezone.now())
        for campaign in due:
            sent = send_campaign(campaign)
            self.stdout.write(f"{campaign.name}: {sent}")
        self.stdout.write(f"{added} new subscribers from checkout")
