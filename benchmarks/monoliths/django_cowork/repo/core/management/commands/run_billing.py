import datetime

from django.core.management.base import BaseCommand

from core.tasks import generate_monthly_invoices


class Command(BaseCommand):
    help = "Run the monthly billing run by hand (e.g. after it failed on the 1st)"

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM")

    def handle(self, *args, **options):
        day = None
        if options["month"]:
            day = datetime.datetime.strptime(options["month"] + "-01", "%Y-%m-%d").date()
        n = generate_monthly_invoices(day)
        self.stdout.write(self.style.SUCCESS("billed %d memberships" % n))
