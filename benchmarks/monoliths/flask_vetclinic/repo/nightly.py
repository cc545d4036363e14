"""Cron jobs. crontab on vetbox01:

    */10 * * * *  python nightly.py send_reminders
    15 2 * * *    python nightly.py nightly
    0 7 * * 1     python nightly.py weekly

If a job blows up the others still run (see run()). Logs go to /var/log/pawsclaws/cron.log
"""
import datetime
import fcntl
import logging
import sys
import traceback

import dbconn as db
import partners
import sqlstore as S
from config import Config
from misc import fill_template, fmt_date, fmt_money, money, to_e164, today

log = logging.getLogger("pc.cron")


def _lock(name):
    fh = open("/tmp/pawsclaws-%s.lock" % name, "w")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (IOError, OSError):
        log.warning("%s already running, skipping", name)
        return None
    return fh


# ------------------------------------------------------------------ reminders


def queue_vaccine_reminders():
    """Booster due in REMINDER_DAYS_BEFORE days -> VACC_DUE, and 30 days overdue -> VACC_OVERDUE."""
    start = today() + datetime.timedelta(days=Config.REMINDER_DAYS_BEFORE)
    n = 0
    for v in S.VaccinationStore.due_between(start, start + datetime.timedelta(days=7)):
        S.queue_reminder(v["client_id"], "VACC_DUE", datetime.datetime.now(), v["pet_id"], "vaccinations", v["vaccination_id"])
        n += 1
    overdue_day = today() - datetime.timedelta(days=30)
    for v in S.VaccinationStore.due_between(overdue_day - datetime.timedelta(days=7), overdue_day):
        S.queue_reminder(v["client_id"], "VACC_OVERDUE", datetime.datetime.now(), v["pet_id"], "vaccinations", v["vaccination_id"])
        n += 1
    log.info("queued %d vaccine reminders", n)
    return n


def queue_appointment_reminders():
    tomorrow = today() + datetime.timedelta(days=1)
    n = 0
    for a in S.AppointmentStore.day(tomorrow):
        if a["status"] != "booked":
            continue
        S.queue_reminder(a["client_id"], "APPT_TOMORROW", datetime.datetime.now(), a["pet_id"], "appointments", a["id"])
        n += 1
    return n


def queue_followups():
    # 3 days after a dental or an op, check in with the owner. Requested by the nurses.
    rows = db.query("SELECT v.id, v.pet_id, p.client_id FROM visits v JOIN pets p ON p.id = v.pet_id"
                    " JOIN appointments a ON a.id = v.appointment_id JOIN appointment_types t ON t.id = a.type_id"
                    " WHERE t.code IN ('DENTAL', 'SURG', 'NEUTER') AND date(v.closed_at) = date('now', '-3 days')")
    for r in rows:
        S.queue_reminder(r["client_id"], "POSTOP_CHECK", datetime.datetime.now(), r["pet_id"], "visits", r["id"])
    return len(rows)


def send_reminders():
    lock = _lock("sms")
    if lock is None:
        return 0
    sms = partners.TextBridge()
    sent = 0
    for r in S.pending_reminders(Config.MAX_SMS_PER_RUN):
        tpl = S.template(r["template_code"])
        if tpl is None or S.opted_out(r["client_id"], tpl["channel"]):
            S.mark_reminder(r["id"], "skipped")
            continue
        body = fill_template(tpl["body"], first_name=r["first_name"], last_name=r["last_name"],
                             pet_name=r["pet_name"] or "your pet", practice=Config.PRACTICE_NAME,
                             phone=Config.PRACTICE_PHONE)
        to = to_e164(r["mobile"])
        if not to:
            S.mark_reminder(r["id"], "failed")
            continue
        try:
            ref = sms.send(to, body)
        except partners.PartnerError as exc:
            log.warning("reminder %s failed: %s", r["id"], exc)
            S.mark_reminder(r["id"], "pending")
            continue
        S.log_message(r["client_id"], "sms", to, body, ref, reminder_id=r["id"])
        S.mark_reminder(r["id"], "sent")
        sent += 1
    log.info("sent %d reminders", sent)
    return sent


def purge_old_messages(days=730):
    # GDPR: we keep 2 years of message bodies
    return db.execute("UPDATE outbound_messages SET body = NULL WHERE sent_at < date('now', ?)", ("-%d days" % days,))


# ------------------------------------------------------------------ appointments


def mark_no_shows():
    rows = db.query("SELECT id FROM appointments WHERE status = 'booked' AND ends_at < datetime('now', '-2 hours')")
    for r in rows:
        S.AppointmentStore.set_status(r["id"], "dna")
    return len(rows)


def offer_waitlist_slots():
    """Cancellations for tomorrow -> text the first few on the waiting list."""
    tomorrow = today() + datetime.timedelta(days=1)
    cancelled = db.scalar("SELECT COUNT(*) FROM appointments WHERE date(starts_at) = ? AND status = 'cancelled'",
                          (tomorrow.isoformat(),), default=0)
    if not cancelled:
        return 0
    n = 0
    for w in S.waitlist_open()[:cancelled * 2]:
        if w["earliest"] and str(w["earliest"]) > tomorrow.isoformat():
            continue
        S.queue_reminder(db.scalar("SELECT client_id FROM pets WHERE id = ?", (w["pet_id"],)), "WAITLIST_OFFER",
                         datetime.datetime.now(), w["pet_id"], "waitlist", w["id"])
        n += 1
    return n


# ------------------------------------------------------------------ clinical


def close_stale_visits(hours=36):
    # vets forget to press "finish consult". Closing them so the invoices get picked up.
    rows = db.query("SELECT id FROM visits WHERE closed_at IS NULL AND opened_at < datetime('now', ?)",
                    ("-%d hours" % hours,))
    for r in rows:
        S.VisitStore.close(r["id"])
    return len(rows)


# ------------------------------------------------------------------ billing


def chase_overdue_invoices():
    """7, 21 and 45 days overdue. After the third chase it goes on the debtors report and Priya phones them."""
    n = 0
    for inv in S.InvoiceStore.outstanding(7):
        due = inv["due_on"] if isinstance(inv["due_on"], datetime.date) else datetime.date.fromisoformat(inv["due_on"])
        days = (today() - due).days
        step = {0: 7, 1: 21, 2: 45}.get(inv["chased_count"])
        if step is None or days < step:
            continue
        S.queue_reminder(inv["client_id"], "INV_OVERDUE", datetime.datetime.now(), None, "invoices:%d" % step, inv["id"])
        db.execute("UPDATE invoices SET chased_count = chased_count + 1 WHERE id = ?", (inv["id"],))
        n += 1
    return n


def poll_claims():
    hub = partners.PetInsureHub()
    for c in S.ClaimStore.open_claims():
        try:
            status, settled = hub.status(c["insurer_ref"])
        except partners.PartnerError as exc:
            log.warning("claim %s: %s", c["id"], exc)
            continue
        db.execute("UPDATE insurance_claims SET last_polled = CURRENT_TIMESTAMP WHERE id = ?", (c["id"],))
        if status == "paid" and settled:
            S.ClaimStore.settle(c["id"], money(settled))
        elif status in ("rejected", "queried") and status != c["status"]:
            db.execute("UPDATE insurance_claims SET status = ? WHERE id = ?", (status, c["id"]))


def takings_report(day=None):
    day = day or today() - datetime.timedelta(days=1)
    rows = db.query("SELECT method, SUM(amount - refunded) AS total, COUNT(*) AS n FROM payments"
                    " WHERE date(taken_at) = ? GROUP BY method", (day.isoformat(),))
    lines = ["Takings for %s" % fmt_date(day)]
    for r in rows:
        lines.append("  %-8s %4d  %s" % (r["method"], r["n"], fmt_money(r["total"])))
    lines.append("  total          %s" % fmt_money(sum(money(r["total"]) for r in rows)))
    text = "\n".join(lines)
    log.info(text)
    return text


# ------------------------------------------------------------------ stock


def reorder_low_stock():
    n = 0
    for p in S.ProductStore.low_stock():
        if p["supplier_id"] and p["reorder_level"]:
            po = S.PurchaseOrders.draft_for_supplier(p["supplier_id"])
            S.PurchaseOrders.add_line(po, p["id"], p["reorder_level"] * 2, p["cost_price"])
            n += 1
    return n


def write_off_expired():
    rows = db.query("SELECT id, qty FROM stock_batches WHERE qty > 0 AND expires_on < date('now')")
    for b in rows:
        S.ProductStore.adjust(b["id"], -money(b["qty"]), "expired", None, "cron")
    return len(rows)


def import_price_file(path):
    with open(path) as fh:
        prices = partners.parse_price_file(fh.read())
    for sku, price in prices.items():
        db.execute("UPDATE products SET cost_price = ? WHERE sku = ?", (price, sku))
    return len(prices)


# ------------------------------------------------------------------ staff


def on_call_rollover():
    """Monday: email next week's on-call vet. Nobody reads it but Helen wants it kept."""
    monday = today() + datetime.timedelta(days=7 - today().weekday())
    oc = S.on_call_for(monday)
    if not oc:
        log.error("nobody on call for week of %s!", monday)
        return None
    log.info("on call next week: %s (backup %s)", oc["name"], oc["backup_name"])
    return oc["email"]


def birthday_cards():
    # turned off 2022, leave it here in case marketing asks again
    return db.query("SELECT p.id, p.name, p.client_id FROM pets p WHERE strftime('%m-%d', p.dob) = strftime('%m-%d', 'now')")


# ------------------------------------------------------------------ runner


GROUPS = {
    "send_reminders": [send_reminders],
    "nightly": [mark_no_shows, close_stale_visits, queue_vaccine_reminders, queue_appointment_reminders,
                queue_followups, chase_overdue_invoices, poll_claims, write_off_expired, takings_report,
                offer_waitlist_slots],
    "weekly": [reorder_low_stock, purge_old_messages, on_call_rollover],
}


def run(group):
    failed = 0
    for job in GROUPS[group]:
        try:
            log.info("-> %s", job.__name__)
            job()
        except Exception:
            failed += 1
            log.error("job %s failed:\n%s", job.__name__, traceback.format_exc())
    return failed


def main(argv=None):
    argv = argv or sys.argv[1:]
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    if not argv or argv[0] not in GROUPS:
        print("usage: nightly.py [%s]" % "|".join(GROUPS))
        return 2
    return 1 if run(argv[0]) else 0


if __name__ == "__main__":
    sys.exit(main())
