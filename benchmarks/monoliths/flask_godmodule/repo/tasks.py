"""Nightly / hourly jobs. Run from cron:

    5 * * * *   python tasks.py hourly
    30 1 * * *  python tasks.py nightly
"""
import logging
import sys
from datetime import date, datetime, timedelta

import db
import models
from config import Config
from helpers import format_date, format_money, send_email, send_sms, week_bounds
from models import AppointmentDAO, DrugDAO, InvoiceDAO, StockDAO

log = logging.getLogger("pawsplus.tasks")

DUNNING_TEMPLATES = {
    1: ("Friendly reminder: invoice %(number)s",
        "Hi %(first_name)s,\n\nOur records show invoice %(number)s (%(total)s) was due on "
        "%(due)s. If you have already paid, please ignore this message.\n\nPawsPlus"),
    2: ("Second reminder: invoice %(number)s is overdue",
        "Hi %(first_name)s,\n\nInvoice %(number)s (%(total)s) is now overdue. Please call us "
        "or pay online.\n\nPawsPlus accounts"),
    3: ("Final notice: invoice %(number)s",
        "Dear %(first_name)s %(last_name)s,\n\nThis is our final notice for invoice %(number)s "
        "(%(total)s). Unpaid balances after 14 days are passed to our collection agency."),
}


def _notify(owner, template, text, subject=None):
    """Send on the owner's preferred channel and log it against the owner."""
    channel = models.contact_channel(owner)
    if channel is None:
        return False
    if channel == "sms":
        ok = send_sms(owner["phone"], text)
    else:
        ok = send_email(owner["email"], subject or "PawsPlus", text)
    models.log_notification(owner["owner_id"], channel, template, {"text": text},
                            status="sent" if ok else "failed")
    return ok


# ---------------------------------------------------------------- appointments


def send_appointment_reminders():
    sent = 0
    for appt in AppointmentDAO.due_reminders(Config.REMINDER_HOURS_AHEAD):
        text = "Reminder: %s has an appointment at %s on %s at %s." % (
            appt["pet_name"], appt["clinic_name"], format_date(appt["starts_at"]),
            appt["starts_at"].strftime("%H:%M"))
        if _notify(appt, "appt_reminder", text, "Appointment reminder"):
            AppointmentDAO.mark_reminded(appt["id"])
            sent += 1
    log.info("appointment reminders sent: %d", sent)
    return sent


def mark_no_shows():
    # anything still 'booked' two hours after it started never turned up
    count = db.execute(
        "UPDATE appointments SET status = 'no_show' WHERE status = 'booked' "
        "AND starts_at < now() - interval '2 hours'"
    )
    log.info("marked %d no-shows", count)
    return count


def cleanup_waitlist(days=90):
    return db.execute(
        "UPDATE waitlist_entries SET resolved_at = now() WHERE resolved_at IS NULL "
        "AND (preferred_to < CURRENT_DATE OR created_at < now() - interval '%d days')" % days
    )


# ---------------------------------------------------------------- clinical


def send_vaccination_reminders():
    sent = 0
    for vac in models.vaccinations_due(Config.VACCINE_REMINDER_DAYS):
        already = db.scalar(
            "SELECT count(*) FROM notifications WHERE owner_id = %s AND template = 'vacc_due' "
            "AND payload->>'vaccination_id' = %s",
            (vac["owner_id"], str(vac["id"])),
        )
        if already:
            continue
        text = "%s is due a %s booster on %s. Book online or call us." % (
            vac["pet_name"], vac["vaccine"], format_date(vac["due_on"]))
        if _notify(vac, "vacc_due", text, "Vaccination due"):
            sent += 1
    log.info("vaccination reminders sent: %d", sent)
    return sent


def flagged_labs_digest():
    results = models.LabResultDAO.flagged_since(datetime.now() - timedelta(days=1))
    if not results:
        return 0
    by_vet = {}
    for r in results:
        visit = models.get_visit(r["visit_id"]) if r["visit_id"] else None
        if visit:
            by_vet.setdefault(visit["vet_id"], []).append(r)
    for vet_id, rows in by_vet.items():
        vet = models.StaffDAO.get(vet_id)
        body = "\n".join("%s: %s %s %s" % (r["pet_name"], r["test_code"], r["value"],
                                           r["unit"] or "") for r in rows)
        send_email(vet["email"], "Flagged lab results (%d)" % len(rows), body)
    return len(results)


# ---------------------------------------------------------------- pharmacy


def expire_stock():
    """Write off expired batches so they stop showing as available."""
    written_off = 0
    for batch in StockDAO.expired():
        StockDAO.adjust(batch["id"], -batch["quantity"], "expire", None)
        written_off += batch["quantity"]
    log.info("expired %d units", written_off)
    return written_off


def reorder_report():
    lines = []
    for clinic in models.all_clinics():
        for drug in DrugDAO.low_stock(clinic["id"]):
            lines.append("%-8s %-40s on hand %4d (reorder at %d)" % (
                clinic["code"], drug["name"], drug["on_hand"], drug["reorder_level"]))
    if lines:
        send_email(Config.STOCK_ALERT_EMAIL, "Reorder list %s" % date.today().isoformat(),
                   "\n".join(lines))
    return len(lines)


# ---------------------------------------------------------------- billing


def mark_overdue_invoices():
    return db.execute(
        "UPDATE invoices SET status = 'overdue' WHERE status = 'issued' AND due_on < CURRENT_DATE"
    )


def send_dunning_letters():
    sent = 0
    for inv in InvoiceDAO.overdue():
        level = inv["dunning_level"] + 1
        if level > Config.DUNNING_MAX_LEVEL:
            continue
        days_late = (date.today() - inv["due_on"]).days
        if days_late < 7 * level:
            continue
        subject, body = DUNNING_TEMPLATES[level]
        ctx = dict(inv, total=format_money(inv["total"]), due=format_date(inv["due_on"]))
        if inv["email"] and send_email(inv["email"], subject % ctx, body % ctx):
            db.execute("UPDATE invoices SET dunning_level = %s WHERE id = %s", (level, inv["id"]))
            models.log_notification(inv["owner_id"], "email", "dunning_%d" % level,
                                    {"invoice": inv["number"]})
            sent += 1
    return sent


# ---------------------------------------------------------------- rota


def copy_rota_forward(clinic_id, from_day):
    """Copy one week's shifts to the following week (the admins do this every Friday)."""
    start, _ = week_bounds(from_day)
    copied = 0
    for sh in models.shifts_for_week(clinic_id, start):
        try:
            models.add_shift(sh["staff_id"], clinic_id, sh["starts_at"] + timedelta(days=7),
                             sh["ends_at"] + timedelta(days=7), sh["kind"], None)
            copied += 1
        except ValueError as e:
            log.warning("skipped shift %s: %s", sh["id"], e)
    return copied


# ---------------------------------------------------------------- entry points

HOURLY = [send_appointment_reminders, mark_no_shows]
NIGHTLY = [send_vaccination_reminders, flagged_labs_digest, expire_stock, reorder_report,
           mark_overdue_invoices, send_dunning_letters, cleanup_waitlist]


def run(jobs):
    failures = 0
    for job in jobs:
        started = datetime.now()
        try:
            result = job()
            log.info("%s ok (%s) in %.1fs", job.__name__, result,
                     (datetime.now() - started).total_seconds())
        except Exception:
            failures += 1
            log.exception("%s failed", job.__name__)
        finally:
            db.close_conn()
    return failures


def main(argv):
    logging.basicConfig(level=logging.INFO)
    which = argv[1] if len(argv) > 1 else "nightly"
    if which == "hourly":
        return run(HOURLY)
    if which == "nightly":
        return run(NIGHTLY)
    if which == "rota":
        return sum(copy_rota_forward(c["id"], date.today()) for c in models.all_clinics())
    print("usage: tasks.py hourly|nightly|rota")
    return 2


if __name__ == "__main__":
    sys.exit(1 if main(sys.argv) else 0)
