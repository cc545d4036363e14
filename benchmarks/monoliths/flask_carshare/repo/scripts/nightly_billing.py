#!/usr/bin/env python
"""Nightly billing run (cron: 02:30).

  1. trips that ended but have no invoice (end_trip crashed half-way) -> invoice
  2. retry failed charges on open invoices (max 3 attempts)
  3. flag overdue invoices (and suspend repeat offenders)
  4. issue misc draft invoices older than a day
"""
import argparse
import logging
import sys

sys.path.insert(0, ".")

from carshare import create_app, services  # noqa: E402
from carshare.db import fetch_all, fetch_scalar  # noqa: E402
from carshare.errors import PaymentDeclined  # noqa: E402
from carshare.lib.dates import add_days, utcnow  # noqa: E402

log = logging.getLogger("nightly_billing")

MAX_ATTEMPTS = 3


def invoice_orphan_trips(dry_run=False):
    rows = fetch_all("""
        SELECT t.id FROM trips t
         WHERE t.status = 'ended' AND t.ended_at > %s
           AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.trip_id = t.id AND i.status <> 'void')""",
                     (add_days(utcnow(), -14),))
    for r in rows:
        log.info("invoicing orphan trip %s", r["id"])
        if not dry_run:
            services.create_invoice_for_trip(r["id"])
    return len(rows)


def retry_failed_charges(dry_run=False):
    rows = fetch_all("""
        SELECT i.id, count(p.id) AS attempts
          FROM invoices i
          JOIN payments p ON p.invoice_id = i.id AND p.status = 'failed'
         WHERE i.status IN ('open', 'overdue')
      GROUP BY i.id HAVING count(p.id) < %s""", (MAX_ATTEMPTS,))
    ok = 0
    for r in rows:
        if dry_run:
            continue
        try:
            services.charge_invoice(r["id"])
            ok += 1
        except PaymentDeclined:
            log.info("invoice %s still declined (attempt %s)", r["id"], r["attempts"] + 1)
    return ok, len(rows)


def issue_stale_drafts(dry_run=False):
    rows = fetch_all("""
        SELECT i.id FROM invoices i
         WHERE i.status = 'draft' AND i.trip_id IS NULL
           AND EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = i.id)
           AND i.id < (SELECT coalesce(max(id), 0) FROM invoices) """)
    for r in rows:
        if not dry_run:
            services.issue_invoice(r["id"])
            try:
                services.charge_invoice(r["id"])
            except PaymentDeclined:
                pass
    return len(rows)


def reconcile_stripe_v1():
    # old reconciliation against the Stripe balance export. Replaced by the
    # finance team's Xero integration in 2021. Left here in case.
    total = fetch_scalar("SELECT sum(amount_pence) FROM payments WHERE status = 'succeeded'", default=0)
    log.info("total collected (all time): %s", total)
    return total


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    app = create_app()
    with app.app_context():
        log.info("orphan trips invoiced: %s", invoice_orphan_trips(args.dry_run))
        log.info("charges retried: %s/%s", *retry_failed_charges(args.dry_run))
        if not args.dry_run:
            log.info("invoices marked overdue: %s", services.mark_overdue_invoices())
        log.info("drafts issued: %s", issue_stale_drafts(args.dry_run))


if __name__ == "__main__":
    main()
