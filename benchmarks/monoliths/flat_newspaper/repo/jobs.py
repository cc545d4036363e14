# -*- coding: utf-8 -*-
"""Cron jobs.  Run as  python jobs.py <job> [args]  -  see crontab.txt.
All of them are safe to re-run (or should be...)."""
from __future__ import print_function, unicode_literals

import datetime
import fcntl
import glob
import logging
import os
import shutil
import sys

import config
import db
import helpers as h
import integrations
import queries as q

log = logging.getLogger("courier.jobs")


def _lock(name):
    fh = open("/tmp/courier-job-%s.lock" % name, "w")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except IOError:
        log.error("%s already running", name)
        sys.exit(1)
    return fh


def _tomorrow():
    return h.today() + datetime.timedelta(days=1)


# --- issues / plant ----------------------------------------------------------

def plan_issues(weeks=6):
    """Make sure every title has issue rows for the next few weeks."""
    start, end = h.today(), h.today() + datetime.timedelta(weeks=int(weeks))
    n = 0
    for pub in q.publications():
        for d in h.issue_dates(pub["publish_days"], start, end):
            if not q.issue_for(pub["id"], d):
                q.create_issue(pub["id"], d, h.ad_deadline_for(d))
                n += 1
    log.info("created %d issues", n)


def close_past_deadline():
    rows = db.query("SELECT id FROM issues WHERE status = 'planned' AND issue_date <= current_date")
    for r in rows:
        q.set_issue_status(r["id"], "printed")


def prepare_print_orders(day=None):
    """17:30: print order for tomorrow = draw + last week's retail + spoilage."""
    day = h.parse_date(day) or _tomorrow()
    for pub in q.publications():
        issue = q.issue_for(pub["id"], day)
        if not issue:
            continue
        issue = q.get_issue(issue["id"])
        order = q.get_print_order(issue["id"])
        if order and order["sent_to_plant_at"]:
            continue
        subs = sum(r["copies"] for r in q.draw_for_issue(issue["id"]))
        retail = order["copies_retail"] if order else q.last_retail_sale(pub["id"], day.weekday())
        spare = (subs + retail) * config.PLANT_SPOILAGE_PCT // 100
        q.save_print_order(issue["id"], subs, retail, spare)
        name = integrations.send_print_order(issue, q.get_print_order(issue["id"]), q.page_plan(issue["id"]))
        q.mark_print_order_sent(issue["id"], name)
        log.info("print order %s: %d copies", name, subs + retail + spare)


# --- distribution --------------------------------------------------------------

def build_draw(day=None):
    """15:00: freeze the draw for tomorrow and send bundle tops to the mailroom."""
    day = h.parse_date(day) or _tomorrow()
    for pub in q.publications():
        issue = q.issue_for(pub["id"], day)
        if not issue:
            continue
        total = q.compute_draw(issue["id"])
        issue = q.get_issue(issue["id"])
        integrations.send_bundle_file(issue, q.draw_for_issue(issue["id"]))
        log.info("%s %s draw %d", pub["code"], day, total)


def carrier_permit_check():
    problems = []
    for c in q.list_carriers():
        p = h.carrier_permit_problem(c, h.today() + datetime.timedelta(days=28))
        if p:
            problems.append("%s (%s): %s" % (c["name"], c["routes"] or "no round", p))
    if problems:
        integrations.send_email(config.CIRC_EMAIL, "Carrier permits needing attention", "\n".join(problems))


def fortnightly_pay_run():
    last = db.scalar("SELECT max(period_end) FROM carrier_pay_runs")
    start = (last + datetime.timedelta(days=1)) if last else h.today() - datetime.timedelta(days=14)
    end = start + datetime.timedelta(days=13)
    if end >= h.today():
        return
    run_id = q.create_pay_run(start, end)
    integrations.send_email(config.CIRC_EMAIL, "Carrier pay run %s - %s ready" % (start, end),
                            "Approve it at /carrier-pay/%d" % run_id)


# --- subscriptions --------------------------------------------------------------

def activate_subscriptions():
    n = q.activate_pending(h.today())
    log.info("activated %d", n)


def renewal_reminders():
    for r in q.expiring_subscriptions(14):
        integrations.send_email(r["email"], "Your %s subscription" % r["plan_name"],
                                "Dear %s %s,\n\nYour subscription ends on %s. Call us on 01580 555 210 "
                                "to carry on getting the paper delivered.\n" % (
                                    r["first_name"] or "", r["last_name"], h.fmt_date(r["end_date"])),
                                reply_to=config.CIRC_EMAIL)


def sync_mailing_list():
    since = h.today() - datetime.timedelta(days=2)
    n = integrations.mailing_list_sync(q.marketing_optins(since))
    log.info("synced %d", n)


# --- accounts --------------------------------------------------------------------

def bill_subscriptions(on=None):
    """Invoice every subscription whose paid_to date has run out.  DD payers
    get a collection booked; others get the invoice emailed."""
    on = h.parse_date(on) or h.today() + datetime.timedelta(days=7)
    for sub in q.subscriptions_to_bill(on):
        start = (sub["paid_to"] + datetime.timedelta(days=1)) if sub["paid_to"] else sub["start_date"]
        end = h.period_end(start, sub["billing_period"])
        holds = q.holds_for(sub["id"])
        promo = db.query_one("SELECT * FROM promo_codes WHERE id = %s", (sub["promo_code_id"],)) \
            if sub["promo_code_id"] and not sub["paid_to"] else None
        amount = h.period_charge(sub, start, end, holds, promo)
        with db.transaction():
            inv_no = h.next_invoice_no("subscriber", q.last_invoice_no("S"))
            inv_id = q.create_invoice(inv_no, "subscriber", sub["subscriber_id"],
                                      start if sub["payment_method"] != "dd" else start + datetime.timedelta(days=10),
                                      do_commit=False)
            q.add_invoice_line(inv_id, "%s %s - %s" % (sub["plan_name"], h.fmt_date(start), h.fmt_date(end)),
                               1, amount, 0, "subscription", sub["id"])
            q.recalc_invoice(inv_id)
            db.execute("UPDATE invoices SET status = 'issued' WHERE id = %s", (inv_id,), commit=False)
            if sub["payment_method"] == "dd" and sub["mandate_id"] and amount > 0:
                first = not db.scalar("SELECT 1 FROM dd_collections WHERE mandate_id = %s LIMIT 1",
                                      (sub["mandate_id"],))
                q.create_collection(sub["mandate_id"], inv_id, amount,
                                    h.add_working_days(h.today(), 10 if first else config.BACS_LEAD_DAYS),
                                    "01" if first else "17")
            q.advance_paid_to(sub["id"], end)
        log.info("sub %s invoiced %s", sub["id"], inv_no)


def invoice_ads(upto=None):
    """Monthly: invoice booked IOs whose last insertion has been printed."""
    upto = h.parse_date(upto) or h.today()
    for io in q.ios_to_invoice(upto):
        io = q.get_io(io["id"])
        bill_to = ("agency", io["agency_id"]) if io["agency_id"] else ("advertiser", io["advertiser_id"])
        with db.transaction():
            inv_no = h.next_invoice_no(bill_to[0], q.last_invoice_no("A"))
            inv_id = q.create_invoice(inv_no, bill_to[0], bill_to[1], upto + datetime.timedelta(days=30),
                                      do_commit=False)
            for pl in q.io_placements(io["id"]):
                q.add_invoice_line(inv_id, "%s %s %dx%scm %s" % (pl["pub_code"], h.fmt_date(pl["issue_date"]),
                                                                 pl["columns"], pl["height_cm"], pl["position"]),
                                   1, pl["price_pence"], config.VAT_RATE, "io", io["id"])
            q.recalc_invoice(inv_id)
            db.execute("UPDATE insertion_orders SET status = 'invoiced' WHERE id = %s", (io["id"],), commit=False)


def submit_dd_file():
    """Weekdays 18:00: new mandates (0N), cancellations (0C) and collections due."""
    processing = h.add_working_days(h.today(), 1)
    bf = integrations.BacsFile(processing)
    lodged = q.mandates("pending")
    for m in lodged:
        bf.add_mandate(m, "0N")
    cancelling = q.mandates("cancel_pending")
    for m in cancelling:
        bf.add_mandate(m, "0C")
    colls = q.pending_collections(h.add_working_days(processing, 2))
    for c in colls:
        bf.add_collection(c)
    if not bf.lines:
        return
    name = bf.write()
    for m in lodged:
        q.set_mandate_status(m["id"], "lodged")
    for m in cancelling:
        q.set_mandate_status(m["id"], "cancelled", "0C")
    if colls:
        q.mark_collections_submitted([c["id"] for c in colls], name)
    log.info("BACS %s: %d mandates, %d collections, %s", name, len(lodged), len(colls), h.money(bf.total))


def import_bacs_reports():
    """ARUDD (unpaids) and ADDACS (cancellations) dropped in the inbox by the bureau."""
    for path in sorted(glob.glob(os.path.join(config.BACS_INBOX, "*.xml"))):
        name = os.path.basename(path)
        if name.startswith("ARUDD"):
            for item in integrations.parse_arudd(path):
                hit = q.fail_collection(item["reference"], item["amount_pence"], item["code"], item["date"])
                if not hit:
                    log.warning("ARUDD item not matched: %s", item)
                    continue
                db.execute("UPDATE invoices SET status = 'issued' WHERE id = %s", (hit["invoice_id"],), commit=False)
                if item["code"] in ("1", "2", "B"):     # no mandate / deceased / account closed
                    q.set_mandate_status(hit["mandate_id"], "failed")
                    for sub in db.query("SELECT id FROM subscriptions WHERE mandate_id = %s AND status = 'active'",
                                        (hit["mandate_id"],)):
                        q.set_subscription_status(sub["id"], "suspended", "bacs", "DD returned code %s" % item["code"])
        elif name.startswith("ADDACS"):
            for item in integrations.parse_addacs(path):
                m = q.mandate_by_reference(item["reference"])
                if m:
                    q.set_mandate_status(m["id"], "cancelled", item["reason"])
        db.commit()
        shutil.move(path, os.path.join(config.BACS_INBOX, "done", name))


def send_reminders():
    for inv in q.overdue_invoices():
        account = q.invoice_account(inv)
        if not account or not account["email"]:
            continue
        integrations.send_email(account["email"], "Reminder: invoice %s" % inv["invoice_no"],
                                "Our records show %s is still outstanding on invoice %s, due %s.\n"
                                % (h.money(inv["outstanding_pence"]), inv["invoice_no"], h.fmt_date(inv["due_date"])),
                                reply_to=config.ACCOUNTS_EMAIL)
        q.bump_reminder(inv["id"])


# --- advertising / classified ---------------------------------------------------------

def chase_artwork():
    """Copy chasing: anything with a deadline in the next 2 days and no artwork."""
    cutoff = datetime.datetime.now() + datetime.timedelta(days=2)
    for pl in q.artwork_awaited(cutoff):
        integrations.send_email(pl["email"], "Artwork needed: %s for %s" % (pl["io_number"], h.fmt_date(pl["issue_date"])),
                                "We still need artwork (%d cols x %scm) by %s.\n" % (
                                    pl["columns"], pl["height_cm"], pl["ad_deadline"].strftime("%H:%M %d/%m")),
                                reply_to=config.ADS_EMAIL)


def forward_box_replies():
    for r in q.unforwarded_box_replies():
        if integrations.send_email(r["customer_email"], "Reply to your advert %s" % r["ref"],
                                   "From: %s (%s)\n\n%s" % (r["sender_name"], r["sender_contact"], r["message"])):
            q.mark_reply_forwarded(r["id"])


def classifieds_to_web(day=None):
    day = h.parse_date(day) or _tomorrow()
    for pub in q.publications():
        issue = q.issue_for(pub["id"], day)
        if issue:
            integrations.push_classifieds_to_web(day, q.classifieds_for_issue(issue["id"]))
    q.expire_classifieds(h.today())


# --- customer service ------------------------------------------------------------------

def escalate_complaints():
    for c in q.overdue_complaints():
        q.escalate_complaint(c["id"], "cs-supervisor")
    log.info("escalated overdue complaints")


def purge_call_log(keep_days=730):
    # GDPR: we said two years in the privacy notice
    n = q.purge_calls(h.today() - datetime.timedelta(days=int(keep_days)))
    log.info("purged %d call log rows", n)


JOBS = dict((f.__name__, f) for f in (
    plan_issues, close_past_deadline, prepare_print_orders, build_draw, carrier_permit_check,
    fortnightly_pay_run, activate_subscriptions, renewal_reminders, sync_mailing_list, bill_subscriptions,
    invoice_ads, submit_dd_file, import_bacs_reports, send_reminders, chase_artwork, forward_box_replies,
    classifieds_to_web, escalate_complaints, purge_call_log))


def main(argv):
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    if len(argv) < 2 or argv[1] not in JOBS:
        print("usage: jobs.py <%s> [args]" % "|".join(sorted(JOBS)))
        return 2
    lock = _lock(argv[1])
    try:
        JOBS[argv[1]](*argv[2:])
    except Exception:
        log.exception("job %s failed", argv[1])
        db.rollback()
        return 1
    finally:
        lock.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
