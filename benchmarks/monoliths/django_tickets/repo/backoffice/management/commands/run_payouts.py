import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from backoffice.payouts import PayoutError, build_payout
from core.models import Promoter


class Command(BaseCommand):
    help = "Build draft payouts for last month (1st of the month, 06:00)"

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM, defaults to last month")

    def handle(self, *args, **opts):
        if opts["month"]:
            day = datetime.datetime.strptime(opts["month"] + "-01", "%Y-%m-%d").date()
        else:
            day = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
        for promoter in Promoter.objects.filter(is_active=True):
            try:
                payout = build_payout(promoter, day)
            except PayoutError as exc:
                self.stderr.write(f"{promoter}: {exc}")
                continue
            self.stdout.write(f"{promoter}: {payout.net_pence}")
