from django.core.management.base import BaseCommand

from ops.grants import payments_due, overdue_reports
from utils.emails import notify_staff
from utils.export import queryset_to_csv


class Command(BaseCommand):
    help = "Produce the BACS file of grant tranches due and chase overdue monitoring reports"

    def add_arguments(self, parser):
        parser.add_argument("--out", default="grant_payments.csv")

    def handle(self, *args, **opts):
        due = list(payments_due())
        rows = [{"partner": p.award.application.partner.name, "amount": p.amount,
                 "due": p.due, "payment_id": p.pk} for p in due]
        with open(opts["out"], "w") as fh:
            fh.write(queryset_to_csv(rows, ["payment_id", "partner", "amount", "due"]))
        overdue = overdue_reports().count()
        if overdue:
            notify_staff("Grant reports overdue", "%d monitoring reports are overdue" % overdue)
        self.stdout.write("%d payments, %d overdue reports" % (len(due), overdue))
