import datetime

from django.core.management.base import BaseCommand

from legacy.payouts import run_monthly_payouts


class Command(BaseCommand):
    help = "Build last month's owner statements and export the ACH file."

    def add_arguments(self, parser):
        parser.add_argument("month", nargs="?", help="YYYY-MM (defaults to last month)")

    def handle(self, *args, **options):
        if options["month"]:
            year, month = map(int, options["month"].split("-"))
            start = datetime.date(year, month, 1)
        else:
            start = (datetime.date.today().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        path = run_monthly_payouts(start)
        self.stdout.write(f"ACH file: {path or 'nothing to pay'}")
