from django.core.management.base import BaseCommand

from animals.feeding import build_reorder_lines, email_purchase_order, raise_purchase_order
from animals.models import Keeper


class Command(BaseCommand):
    help = "Raise feed purchase orders for everything below its reorder level."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--send", action="store_true", help="email POs to suppliers")
        parser.add_argument("--as-keeper", help="staff number to record as raiser")

    def handle(self, *args, **opts):
        raiser = None
        if opts.get("as_keeper"):
            raiser = Keeper.objects.filter(staff_number=opts["as_keeper"]).first()
        lines_by_supplier = build_reorder_lines()
        if not lines_by_supplier:
            self.stdout.write("Nothing to reorder.")
            return
        for supplier, lines in lines_by_supplier.items():
            self.stdout.write("%s: %d lines" % (supplier, len(lines)))
            for l in lines:
                self.stdout.write("   %-40s %s" % (l["name"], l["qty"]))
            if opts["dry_run"]:
                continue
            po = raise_purchase_order(supplier, lines, raised_by=raiser)
            if opts["send"]:
                email_purchase_order(po)
            self.stdout.write(self.style.SUCCESS("   -> %s (%s)" % (po.po_number, po.total)))
