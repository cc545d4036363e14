"""Nightly: raise invoices for memberships due today and submit them to GoCardless.

cron: 15 2 * * *  manage.py run_billing
"""
from django.core.management.base import BaseCommand

from common.notify import notify
from common.utils import fmt_date, fmt_money, parse_date, today
from core import helpers
from core.models import Membership


class Command(BaseCommand):
    help = "Bill memberships whose next billing date is today (or earlier)"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="pretend today is YYYY-MM-DD")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--no-collect", action="store_true")

    def handle(self, *args, **opts):
        on = parse_date(opts.get("date"), today())
        due = (Membership.objects.filter(status__in=["active", "frozen", "arrears"],
                                         next_billing_date__lte=on)
               .select_related("plan", "member"))
        billed = failed = 0
        for ms in due:
            if ms.end_date and ms.end_date < on:
                continue
            if opts["dry_run"]:
                self.stdout.write("would bill %s %s" % (ms.member.member_no, ms.monthly_price()))
                continue
            inv = helpers.bill_membership(ms, on)
            notify(ms.member, "invoice", invoice=inv, amount=fmt_money(inv.total),
                   due=fmt_date(inv.due))
            billed += 1
            if opts["no_collect"]:
                continue
            try:
                helpers.collect_payment(inv)
            except helpers.BillingError as e:
                failed += 1
                self.stderr.write(str(e))
        self.stdout.write("billed %d, %d without mandate" % (billed, failed))
