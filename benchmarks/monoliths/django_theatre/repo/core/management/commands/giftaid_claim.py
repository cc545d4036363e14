"""
Builds the HMRC Charities Online gift aid schedule (the .ods template wants
a CSV pasted in) for unclaimed eligible gifts, and stamps them with the batch.
"""
import csv
import datetime
import sys
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from legacy.helpers import Timer, gift_aid_amount, has_valid_declaration, hmrc_name_parts
from legacy.models import Gift

AGGREGATE_LIMIT = Decimal("20.00")


def build_claim_rows(gifts):
    rows, skipped, small = [], [], Decimal("0")
    for gift in gifts:
        if not has_valid_declaration(gift.donor, gift.received_on):
            skipped.append((gift.pk, "no declaration"))
            continue
        parts = hmrc_name_parts(gift.donor)
        if not parts["postcode"] or not parts["house"]:
            skipped.append((gift.pk, "no address"))
            continue
        if gift.amount <= AGGREGATE_LIMIT and gift.method == "cash":
            small += gift.amount  # aggregated donations line
            continue
        rows.append(
            [
                parts["title"],
                parts["first_name"],
                parts["last_name"],
                parts["house"],
                parts["postcode"],
                "",
                "",
                gift.received_on.strftime("%d/%m/%y"),
                "%.2f" % gift.amount,
            ]
        )
    if small:
        rows.append(["", "", "", "", "", "Aggregated donations", "", timezone.localdate().strftime("%d/%m/%y"), "%.2f" % small])
    return rows, skipped


class Command(BaseCommand):
    help = "Produce a gift aid claim schedule CSV for unclaimed gifts up to --until"

    def add_arguments(self, parser):
        parser.add_argument("--until", help="YYYY-MM-DD (default: end of last month)")
        parser.add_argument("--batch", help="Claim reference, e.g. GA2023-04")
        parser.add_argument("--commit", action="store_true", help="Stamp gifts as claimed")

    def handle(self, *args, **options):
        today = timezone.localdate()
        until = datetime.date.fromisoformat(options["until"]) if options.get("until") else today.replace(day=1) - datetime.timedelta(days=1)
        batch = options.get("batch") or "GA%s" % until.strftime("%Y-%m")
        gifts = Gift.objects.filter(gift_aid_eligible=True, claimed_in="", received_on__lte=until).select_related("donor")
        with Timer("gift aid claim"):
            rows, skipped = build_claim_rows(gifts)
        writer = csv.writer(sys.stdout)
        writer.writerow(["Title", "First name", "Last name", "House", "Postcode", "Aggregated", "Sponsored", "Date", "Amount"])
        writer.writerows(rows)
        total = sum((Decimal(r[-1]) for r in rows), Decimal("0"))
        self.stderr.write("%d rows, %s donated, %s to claim, %d skipped" % (len(rows), total, gift_aid_amount(total), len(skipped)))
        for pk, why in skipped:
            self.stderr.write("  skipped gift %s: %s" % (pk, why))
        if options["commit"]:
            skipped_ids = [pk for pk, _ in skipped]
            with transaction.atomic():
                n = gifts.exclude(pk__in=skipped_ids).update(claimed_in=batch)
            self.stderr.write("Stamped %d gifts with %s" % (n, batch))
