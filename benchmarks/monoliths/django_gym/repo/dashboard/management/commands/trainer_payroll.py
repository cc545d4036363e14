import csv
import sys

from django.core.management.base import BaseCommand

from common.utils import month_bounds, parse_date
from dashboard.training import active_trainers, commission_for


class Command(BaseCommand):
    help = "CSV of PT commission for the month; --mark to flag sessions as paid"

    def add_arguments(self, parser):
        parser.add_argument("--month")
        parser.add_argument("--mark", action="store_true")

    def handle(self, *args, **opts):
        start, end = month_bounds(parse_date(opts.get("month")))
        out = csv.writer(sys.stdout)
        out.writerow(["trainer", "sessions", "commission", "rent"])
        for t in active_trainers():
            amount, sessions = commission_for(t, start, end)
            out.writerow([t.display_name, len(sessions), amount,
                          t.monthly_rent if t.self_employed else 0])
            if opts["mark"]:
                for s in sessions:
                    s.paid_to_trainer = True
                    s.save(update_fields=["paid_to_trainer"])
