"""
The nightly cron (02:30).  Started life as the late-fee job, everyone has
added a step since.  Order matters (late fees before holds).

    manage.py nightly_jobs                # everything
    manage.py nightly_jobs --only latefees,holds
"""
import csv
import datetime
import logging
import os

import requests
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.utils import timezone

from common.utils import current_term, send_notification

logger = logging.getLogger("reslife.nightly")

STEPS = ["latefees", "holds", "bursar", "workorders", "keys", "cards", "swipes", "offers",
         "event_reminders"]


def _late_fees(dry_run):
    from core.billing import apply_late_fees
    return apply_late_fees(dry_run=dry_run)


def _arrears_holds(dry_run):
    from core.billing import flag_residents_in_arrears
    if dry_run:
        return 0
    return flag_residents_in_arrears()


def _bursar_feed(dry_run):
    from core.billing import export_bursar_feed
    term = current_term()
    rows = export_bursar_feed(term)
    path = os.path.join(getattr(settings, "BURSAR_DROP_DIR", "/srv/bursar"),
                        "housing_%s_%s.csv" % (term, timezone.localdate().strftime("%Y%m%d")))
    if dry_run:
        return len(rows)
    with open(path, "w") as fh:
        writer = csv.writer(fh)
        for r in rows:
            writer.writerow([r["student_id"], r["charge_id"], r["kind"], r["amount"],
                             r["amount_paid"], r["due_date"], r["term"]])
    return len(rows)


def _escalate_workorders(dry_run):
    from legacy.helpers import escalate_overdue
    if dry_run:
        return 0
    return escalate_overdue()


def _overdue_keys(dry_run):
    from legacy.helpers import overdue_key_loans
    loans = list(overdue_key_loans())
    if not dry_run and loans:
        body = "\n".join("%s  %s  due %s" % (l.key.stamp, l.resident or l.borrower_name, l.due_back)
                         for l in loans)
        send_notification("%d overdue key loans" % len(loans), body, [settings.HOUSING_OFFICE_EMAIL])
    return len(loans)


def _sync_cards(dry_run):
    """Push unsynced access-card changes to the card system."""
    from accounts.models import AccessCard
    today = timezone.localdate()
    AccessCard.objects.filter(status="active", expires_on__lt=today).update(
        status="expired", synced_to_card_system=False)
    pending = AccessCard.objects.filter(synced_to_card_system=False).select_related("hall")
    n = 0
    for card in pending:
        if dry_run:
            n += 1
            continue
        try:
            resp = requests.post(settings.RESLIFE_CARD_SYSTEM_URL + "cards/", json={
                "number": card.card_number, "status": card.status,
                "hall": card.hall.code if card.hall else None,
                "expires": card.expires_on.isoformat() if card.expires_on else None,
            }, timeout=10)
            resp.raise_for_status()
        except Exception:  # noqa
            logger.exception("card sync failed for %s", card.pk)
            continue
        AccessCard.objects.filter(pk=card.pk).update(synced_to_card_system=True)
        n += 1
    return n


def _import_swipes(dry_run):
    path = "/srv/cardsystem/export/swipes_%s.csv" % (
        timezone.localdate() - datetime.timedelta(days=1)).strftime("%Y%m%d")
    if not os.path.exists(path):
        return 0
    n = 0
    with open(path) as fh, connection.cursor() as cursor:
        for row in csv.reader(fh):
            if dry_run:
                n += 1
                continue
            cursor.execute(
                "INSERT INTO card_swipe_log (card_id, raw_card_number, door_code, swiped_at, granted) "
                "SELECT (SELECT id FROM accounts_accesscard WHERE card_number = %s), %s, %s, %s, %s",
                [row[0], row[0], row[1], row[2], row[3] == "1"])
            n += 1
    return n


def _expire_offers(dry_run):
    from core.allocation import expire_pending_offers
    if dry_run:
        return 0
    return expire_pending_offers()


def _event_reminders(dry_run):
    from community.models import EventRSVP
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    rsvps = EventRSVP.objects.filter(event__starts_at__date=tomorrow.date(), event__cancelled=False,
                                     waitlisted=False).select_related("event", "resident")
    n = 0
    for r in rsvps:
        if not dry_run:
            send_notification("Reminder: %s tomorrow" % r.event.title,
                              "%s at %s" % (r.event.location, timezone.localtime(r.event.starts_at)),
                              [r.resident.email])
        n += 1
    return n


class Command(BaseCommand):
    help = "Nightly housing batch (late fees, holds, bursar feed, facilities, keys, cards...)"

    def add_arguments(self, parser):
        parser.add_argument("--only", default="")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        only = [s for s in options["only"].split(",") if s] or STEPS
        dry = options["dry_run"]
        funcs = {
            "latefees": _late_fees, "holds": _arrears_holds, "bursar": _bursar_feed,
            "workorders": _escalate_workorders, "keys": _overdue_keys, "cards": _sync_cards,
            "swipes": _import_swipes, "offers": _expire_offers, "event_reminders": _event_reminders,
        }
        for step in STEPS:
            if step not in only:
                continue
            started = timezone.now()
            try:
                n = funcs[step](dry)
            except Exception:  # noqa - one failing step must not stop the others
                logger.exception("nightly step %s failed", step)
                self.stderr.write("step %s FAILED" % step)
                continue
            self.stdout.write("%-16s %6d  (%.1fs)" % (step, n, (timezone.now() - started).total_seconds()))
