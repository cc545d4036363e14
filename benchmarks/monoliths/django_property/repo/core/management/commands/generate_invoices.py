import datetime

from django.core.management.base import BaseCommand

from core.billing import generate_monthly_invoices


class Command(BaseCommand):
    help = "Create this month's rent invoices for every active lease (cron: 1st, 02:00)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="YYYY-MM-DD, defaults to today")

    def handle(self, *args, **options):
        day = datetime.date.fromisoformat(options["date"]) if options["date"] else None
        count = generate_monthly_invoices(day)
        self.stdout.write(self.style.SUCCESS(f"{count} leases invoiced"))
