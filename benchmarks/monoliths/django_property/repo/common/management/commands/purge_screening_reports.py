from django.core.management.base import BaseCommand

from common.screening import purge_old_reports


class Command(BaseCommand):
    help = "Delete screening reports older than the FCRA retention window."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, **options):
        deleted = purge_old_reports(options["days"])
        self.stdout.write(f"deleted {deleted} screening reports")
