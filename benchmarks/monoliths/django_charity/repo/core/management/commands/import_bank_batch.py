import csv

from django.core.management.base import BaseCommand

from core.models import Supporter
from core.services import record_donation
from utils.helpers import parse_date


class Command(BaseCommand):
    help = "Import a bank/cheque batch CSV exported from the finance system"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--batch", required=True)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **opts):
        imported = missing = 0
        with open(opts["path"], newline="") as fh:
            for row in csv.DictReader(fh):
                supporter = Supporter.objects.filter(ref=row["SupporterRef"].strip()).first()
                if supporter is None:
                    missing += 1
                    self.stderr.write("no supporter %s" % row["SupporterRef"])
                    continue
                if not opts["dry_run"]:
                    record_donation(supporter, row["Amount"], row.get("Method", "cheque").lower(),
                                    received=parse_date(row["Date"]),
                                    campaign_code=row.get("Appeal"), batch_no=opts["batch"])
                imported += 1
        self.stdout.write("imported %d, missing %d" % (imported, missing))
