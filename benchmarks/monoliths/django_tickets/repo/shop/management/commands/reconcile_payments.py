import csv
import sys

from django.core.management.base import BaseCommand

from shop.models import Payment


class Command(BaseCommand):
    help = "Compare a PayGate settlement CSV with our captured payments"

    def add_arguments(self, parser):
        parser.add_argument("settlement_csv")

    def handle(self, *args, **opts):
        theirs = {}
        with open(opts["settlement_csv"]) as fh:
            for row in csv.DictReader(fh):
                theirs[row["intent_id"]] = int(row["amount"])
        ours = dict(Payment.objects.filter(method="card", status__in=["captured", "partially_refunded"])
                    .values_list("gateway_ref", "amount_pence"))
        writer = csv.writer(sys.stdout)
        writer.writerow(["intent", "ours", "theirs"])
        for ref in sorted(set(ours) | set(theirs)):
            if ours.get(ref) != theirs.get(ref):
                writer.writerow([ref, ours.get(ref), theirs.get(ref)])
