import csv
import sys

from django.core.management.base import BaseCommand

from boxoffice.models import Scan


class Command(BaseCommand):
    help = "Dump door scans for one performance as CSV (the venues ask for it for fire safety)"

    def add_arguments(self, parser):
        parser.add_argument("performance_id", type=int)

    def handle(self, *args, **opts):
        writer = csv.writer(sys.stdout)
        writer.writerow(["scanned_at", "gate", "barcode", "result"])
        scans = (Scan.objects.filter(ticket__line__performance_id=opts["performance_id"])
                 .select_related("gate").order_by("scanned_at"))
        for scan in scans:
            writer.writerow([scan.scanned_at.isoformat(), scan.gate.name if scan.gate else "",
                             scan.barcode, scan.result])
