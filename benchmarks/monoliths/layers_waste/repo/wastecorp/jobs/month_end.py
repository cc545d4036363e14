"""Month-end billing.  cron: 05:00 on the 1st working day of the month."""
import datetime as dt
import logging

from wastecorp.extensions import db
from wastecorp.utils.dates import previous_month, month_bounds, today
from wastecorp.utils.db import fetch_all, fetch_scalar
from wastecorp.utils.misc import send_email
from wastecorp.utils.money import format_money

log = logging.getLogger("wastecorp.jobs.month_end")

FINANCE_MAILBOX = "finance@wastecorp.example"


def accrue_unbilled_lifts(period_end):
    """Lifts in the period on contract lines that have no invoice line yet.
    Finance use this for the accrual journal."""
    return fetch_all("""
        SELECT c.contract_no, cs.id AS contract_service_id, cs.tariff_code,
               COUNT(e.id) AS lifts
          FROM collection_events e
          JOIN route_stops s ON s.id = e.route_stop_id
          JOIN contract_services cs ON cs.id = s.contract_service_id
          JOIN contracts c ON c.id = cs.contract_id
         WHERE e.lifted_at < :end_excl
           AND e.outcome = 'LIFTED'
           AND NOT EXISTS (
                SELECT 1 FROM invoice_lines il
                  JOIN invoices i ON i.id = il.invoice_id
                 WHERE il.contract_service_id = cs.id
                   AND i.period_end >= :end AND i.status <> 'VOID')
         GROUP BY c.contract_no, cs.id, cs.tariff_code
    """, {"end": period_end, "end_excl": period_end + dt.timedelta(days=1)})


def reconcile_payments(period_start, period_end):
    received = fetch_scalar("""
        SELECT COALESCE(SUM(amount), 0) FROM payments
         WHERE received_on BETWEEN :s AND :e
    """, {"s": period_start, "e": period_end})
    unapplied = fetch_scalar("""
        SELECT COALESCE(SUM(amount), 0) FROM payments
         WHERE unapplied = true AND received_on <= :e
    """, {"e": period_end})
    return {"received": received, "unapplied": unapplied}


def run_month_end(year=None, month=None, user="cron"):
    from wastecorp.services import billing_service

    if year is None:
        year, month = previous_month(today())
    start, end = month_bounds(year, month)
    run = billing_service.start_billing_run(start, end, user)
    run, errors = billing_service.generate_invoices_for_run(run)
    posted = billing_service.post_all_drafts(run.id, user)
    path, exported = billing_service.export_to_sage()
    recon = reconcile_payments(start, end)
    unbilled = accrue_unbilled_lifts(end)
    body = ["Billing run %s for %s to %s" % (run.id, start, end),
            "Invoices: %s posted, net %s" % (posted, format_money(run.total_net or 0)),
            "Sage export: %s (%s invoices)" % (path, exported),
            "Cash received: %s, unapplied: %s" % (format_money(recon["received"]),
                                                  format_money(recon["unapplied"])),
            "Unbilled contract lines: %d" % len(unbilled)]
    if errors:
        body.append("")
        body.append("ERRORS:")
        body.extend("  %s: %s" % e for e in errors)
    send_email(FINANCE_MAILBOX, "Month end %04d-%02d" % (year, month), "\n".join(body))
    db.session.commit()
    return run
