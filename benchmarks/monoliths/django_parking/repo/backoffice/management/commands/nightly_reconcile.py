from datetime import date

from django.core.management.base import BaseCommand

from backoffice.tasks import build_settlement_batch, reconcile_gateway_payments


class Command(BaseCommand):
    help = "Re-run settlement + reconciliation for a given day (YYYY-MM-DD)"

    def add_arguments(self, parser):
        parser.add_argument("day")

    def handle(self, *args, **options):
        day = date.fromisoformat(options["day"])
        build_settlement_batch(day)
        reconcile_gateway_payments(day)
        self.stdout.write("done %s" % day)
