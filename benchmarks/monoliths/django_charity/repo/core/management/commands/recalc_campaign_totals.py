from django.core.management.base import BaseCommand

from core.models import Campaign
from core.services import recalc_campaign_total


class Command(BaseCommand):
    help = "Recalculate raised totals for active campaigns"

    def handle(self, *args, **options):
        for c in Campaign.objects.filter(active=True):
            total = recalc_campaign_total(c)
            if options["verbosity"] > 1:
                self.stdout.write("%s %s" % (c.code, total))
