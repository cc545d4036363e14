#!/usr/bin/env python3
# Nightly / hourly jobs.  crontab:
#   15 1 * * *  python3 cron.py nightly
#   0  * * * *  python3 cron.py hourly
#   30 6 * * 1  python3 cron.py weekly
import sys
import logging

import auth
import db
import dbaccess
import lib
import mailer
import marc
import utils

log = logging.getLogger("rln.cron")


def send_overdue_notices():
    n = 0
    for loan in dbaccess.overdue_loans():
        days = (utils.today() - loan["due_date"]).days
        kind = {7: "overdue1", 14: "overdue2", 28: "overdue_final"}.get(days)
        if not kind or dbaccess.notice_already_sent(loan["id"], kind):
            continue
        body = mailer.render_mail(kind, loan=loan)
        if loan["notify_by"] == "sms":
            mailer.send_sms(loan["phone"], "Overdue: %s" % loan["title"][:50])
        else:
            mailer.send_mail(loan["email"], "Overdue library item", body)
        dbaccess.record_notice(loan["member_id"], kind, loan["notify_by"], loan_id=loan["id"])
        n += 1
    db.commit()
    return n


def send_due_soon_reminders():
    day = utils.add_days(utils.today(), 3)
    for loan in dbaccess.loans_due_on(day):
        mailer.send_mail(loan["email"], "Your items are due soon",
                         mailer.render_mail("due_soon", loan=loan))
        dbaccess.record_notice(loan["member_id"], "due_soon", "email", loan_id=loan["id"])
    db.commit()


def accrue_overdue_fines():
    for loan in dbaccess.overdue_loans():
        full = dbaccess.get_loan(loan["id"])
        lib.assess_overdue_fine(full["id"])
    db.commit()


def block_members_with_fines():
    limit = utils.to_int(dbaccess.get_setting("fines_block_limit"), 10)
    rows = db.query_all("SELECT member_id, sum(balance) AS bal FROM fines GROUP BY member_id HAVING sum(balance) >= %s",
                        (limit,))
    for r in rows:
        if not [b for b in dbaccess.get_active_blocks(r["member_id"]) if b["reason"] == "FINES"]:
            dbaccess.add_block(r["member_id"], "FINES", "auto: balance %s" % r["bal"], None)
    db.commit()


def expire_holds():
    for hold in dbaccess.expired_holds():
        dbaccess.set_hold_status(hold["id"], "expired")
        copy = dbaccess.get_copy(hold["copy_id"])
        nxt = dbaccess.next_waiting_hold(hold["title_id"])
        if nxt:
            lib.route_copy_for_hold(copy, nxt, copy["current_branch_id"], None)
        else:
            dbaccess.set_copy_status(copy["id"], "available")
    db.commit()


def expire_memberships():
    db.execute("UPDATE members SET status = 'expired' WHERE status = 'active' AND expires_on < current_date")
    db.commit()


def chase_stale_transfers():
    rows = db.query_all("SELECT * FROM transfer_requests WHERE status = 'in_transit' "
                        "AND requested_at < now() - interval '14 days'")
    for tr in rows:
        log.warning("transfer %s for copy %s stuck in transit", tr["id"], tr["copy_id"])
        dbaccess.set_copy_status(tr["copy_id"], "missing")
    db.commit()


def send_event_reminders():
    rows = db.query_all("SELECT e.title, e.starts_at, m.email FROM events e JOIN event_registrations r "
                        "ON r.event_id = e.id JOIN members m ON m.id = r.member_id WHERE NOT r.waitlisted "
                        "AND e.starts_at::date = current_date + 1")
    for r in rows:
        mailer.send_mail(r["email"], "Reminder: %s tomorrow" % r["title"],
                         mailer.render_mail("event_reminder", row=r))


def nightly():
    auth.purge_expired_sessions()
    accrue_overdue_fines()
    block_members_with_fines()
    expire_memberships()
    expire_holds()
    send_overdue_notices()
    send_due_soon_reminders()
    marc.import_directory()


def hourly():
    expire_holds()


def weekly():
    chase_stale_transfers()


JOBS = {"nightly": nightly, "hourly": hourly, "weekly": weekly,
        "events": send_event_reminders}


def main(argv):
    logging.basicConfig(level=logging.INFO)
    job = JOBS.get(argv[1] if len(argv) > 1 else "")
    if not job:
        print("usage: cron.py [%s]" % "|".join(JOBS))
        return 1
    try:
        job()
    except Exception:
        log.exception("job %s failed", argv[1])
        db.rollback()
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
