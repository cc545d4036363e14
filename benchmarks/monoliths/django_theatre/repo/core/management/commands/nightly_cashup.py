"""
Run at 23:50 by cron on the box office server:

    50 23 * * * cd /srv/grange && ./venv/bin/python manage.py nightly_cashup --close-stale

Closes any till left open, works out the day's expected takings and emails
finance the variance sheet. Lives in core because that's where the first
management command went.
"""
import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db.models import Sum
from django.utils import timezone

from backoffice.models import CardTerminalTxn, CashUp, TillSession
from core.utils import format_money, send_templated_email, uk_date
from main import reports


def terminal_total_for(session):
    total = CardTerminalTxn.objects.filter(session=session, is_refund=False).aggregate(t=Sum("amount"))["t"] or Decimal("0")
    refunds = CardTerminalTxn.objects.filter(session=session, is_refund=True).aggregate(t=Sum("amount"))["t"] or Decimal("0")
    return total - refunds


class Command(BaseCommand):
    help = "Close stale till sessions and email the daily cash-up variance sheet"

    def add_arguments(self, parser):
        parser.add_argument("--day", help="YYYY-MM-DD, default today")
        parser.add_argument("--close-stale", action="store_true")
        parser.add_argument("--no-email", action="store_true")

    def handle(self, *args, **options):
        day = datetime.date.fromisoformat(options["day"]) if options.get("day") else timezone.localdate()
        system_user = get_user_model().objects.filter(username="system").first()
        if options["close_stale"]:
            for session in TillSession.objects.filter(status=TillSession.OPEN, opened_at__date__lte=day):
                self.stdout.write("Closing stale session %s" % session)
                session.close(system_user or session.opened_by)
        for cu in CashUp.objects.filter(session__opened_at__date=day).select_related("session"):
            cu.terminal_total = terminal_total_for(cu.session)
            if not cu.signed_off_by_id:
                cu.recount()
            cu.save()
        start = datetime.datetime.combine(day, datetime.time.min)
        rows = reports.cashup_variance_report(start, start + datetime.timedelta(days=1))
        payments = reports.payments_by_method(day)
        flagged = [r for r in rows if abs(r["variance"] or 0) > Decimal(settings.CASHUP_VARIANCE_ALERT) or r["card_diff"]]
        self.stdout.write("%d sessions, %d flagged" % (len(rows), len(flagged)))
        if options["no_email"]:
            return
        send_templated_email(
            "emails/cashup_daily",
            {
                "day": uk_date(day),
                "rows": rows,
                "payments": payments,
                "flagged": flagged,
                "total_variance": format_money(sum((r["variance"] or 0 for r in rows), Decimal("0"))),
            },
            settings.CASHUP_ALERT_EMAILS,
        )
