"""Nightly housekeeping.  Add new jobs to NIGHTLY_JOBS at the bottom."""
import datetime
import logging

from sqlalchemy import select, and_, text

from lab.db.tables import samples, results, analytical_batches
from lab.lib.config import get_setting
from lab.lib.dates import today, utcnow, format_date
from lab.lib.misc import send_mail
from lab.repositories import instruments as instrument_repo
from lab.repositories import results as result_repo
from lab.repositories import samples as sample_repo
from lab.services import calibration_service, certificate_service, invoice_service, order_service
from lab.services import staff_service
from lab.tasks import bootstrap, run_job

log = logging.getLogger(__name__)


def remind_calibrations(conn):
    return calibration_service.send_calibration_reminders(conn, within_days=14)


def expire_reagent_lots(conn):
    return instrument_repo.mark_lots_expired(conn)


def flag_stuck_samples(conn, hours=48):
    """Samples received more than N hours ago with no result entered at all."""
    cutoff = utcnow() - datetime.timedelta(hours=hours)
    q = (select([samples.c.id, samples.c.lab_number, samples.c.received_at])
         .where(and_(samples.c.status == "received", samples.c.received_at < cutoff))
         .where(~select([results.c.id]).where(results.c.sample_id == samples.c.id).exists()))
    rows = conn.execute(q).fetchall()
    if rows:
        send_mail(get_setting("reception.alert_to", "reception@example.invalid"),
                  "%d samples not started after %dh" % (len(rows), hours),
                  "\n".join("%s received %s" % (r.lab_number, r.received_at) for r in rows))
    return len(rows)


def email_disposal_list(conn):
    due = sample_repo.samples_due_for_disposal(conn)
    if due:
        send_mail(get_setting("reception.alert_to", "reception@example.invalid"),
                  "%d samples due for disposal" % len(due),
                  "\n".join("%s (hold until %s)" % (s.lab_number, format_date(s.hold_until)) for s in due))
    return len(due)


def overdue_orders_digest(conn):
    rows = order_service.overdue_orders(conn)
    if rows:
        send_mail(get_setting("orders.alert_to", "cs@example.invalid"), "%d overdue orders" % len(rows),
                  "\n".join("%s %s due %s" % (r.order_number, r.client_name, format_date(r.due_date))
                            for r in rows))
    return len(rows)


def close_stale_batches(conn, days=7):
    """Open batches older than N days are closed (QC evaluated) so they stop cluttering the bench."""
    from lab.services.result_service import ResultService
    cutoff = utcnow() - datetime.timedelta(days=days)
    stale = conn.execute(select([analytical_batches.c.id]).where(and_(
        analytical_batches.c.status == "open", analytical_batches.c.created_at < cutoff))).fetchall()
    svc = ResultService(conn, user_id=None)
    closed = 0
    for b in stale:
        try:
            svc.close_batch(b.id)
            closed += 1
        except Exception as exc:  # noqa
            log.warning("could not close batch %s: %s", b.id, exc)
    return closed


def retry_certificate_deliveries(conn):
    return certificate_service.send_pending_deliveries(conn)


def monthly_invoicing(conn):
    if today().day != 1:
        return "skipped"
    created, errors = invoice_service.monthly_invoice_run(conn)
    if errors:
        send_mail(get_setting("finance.alert_to", "finance@example.invalid"), "Invoice run errors",
                  "\n".join("%s: %s" % e for e in errors))
    return len(created)


def chase_overdue_invoices(conn):
    if today().weekday() != 0:  # mondays only
        return "skipped"
    return invoice_service.overdue_reminders(conn)


def competency_reminders(conn):
    return staff_service.send_competency_expiry_reminders(conn, within_days=30)


def _sync_to_old_lims(conn):
    """Pushed samples to the old Access LIMS during the 2019 migration. Unused."""
    rows = conn.execute(text("SELECT lab_number, client_id, received_at FROM samples "
                             "WHERE created_at >= :since"), since=today() - datetime.timedelta(days=1))
    return [tuple(r) for r in rows]


NIGHTLY_JOBS = [
    ("expire_reagent_lots", expire_reagent_lots),
    ("remind_calibrations", remind_calibrations),
    ("flag_stuck_samples", flag_stuck_samples),
    ("email_disposal_list", email_disposal_list),
    ("overdue_orders_digest", overdue_orders_digest),
    ("close_stale_batches", close_stale_batches),
    ("retry_certificate_deliveries", retry_certificate_deliveries),
    ("monthly_invoicing", monthly_invoicing),
    ("chase_overdue_invoices", chase_overdue_invoices),
    ("competency_reminders", competency_reminders),
]


def main(argv=None):
    bootstrap(argv)
    failures = 0
    for name, fn in NIGHTLY_JOBS:
        ok, _ = run_job(name, fn)
        failures += 0 if ok else 1
    return 1 if failures else 0
