#!/usr/bin/env python
"""Cron jobs. crontab on app01:
   */15 * * * *  python jobs.py etm
   30 2 * * *    python jobs.py nightly
   0 6 1 * *     python jobs.py monthly
"""
import datetime
import fcntl
import glob
import logging
import os
import sys

import settings
import db
import sql
import helpers
import integrations
import reports

log = logging.getLogger("busco.jobs")
LOCK_DIR = "/tmp"


def acquire_lock(name):
    fh = open(os.path.join(LOCK_DIR, "busco-%s.lock" % name), "w")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except IOError:
        return None
    return fh


def import_etm_files():
    n = 0
    for path in sorted(glob.glob(os.path.join(settings.ETM_IMPORT_DIR, "*.csv"))):
        try:
            n += integrations.import_etm_file(path)
        except Exception:
            log.exception("ETM import failed for %s", path)
    log.info("ETM: %d records", n)


def expire_season_passes():
    n = sql.expire_season_passes(datetime.date.today())
    for p in sql.passes_expiring(14):
        helpers.send_email(p["holder_email"], "Your season ticket expires soon",
                           "Pass %s expires on %s. Renew at any of our travel shops." % (
                               p["pass_no"], helpers.fmt_date(p["valid_to"])))
    log.info("expired %d passes", n)


def roster_gaps_alert():
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    gaps = sql.uncovered_duties(tomorrow)
    by_depot = {}
    for duty in gaps:
        by_depot.setdefault(duty["depot_id"], []).append(duty["duty_no"])
    for depot_id, duties in by_depot.items():
        inspectors = db.query_all("SELECT email FROM users WHERE role = 'scheduler' AND depot_id = %s AND active",
                                  (depot_id,))
        if inspectors:
            helpers.send_email([u["email"] for u in inspectors], "Uncovered duties for %s" % helpers.fmt_date(tomorrow),
                               "Not covered: " + ", ".join(duties))


def licence_checks():
    for driver in sql.licences_due_check():
        try:
            result = integrations.dvla_check_licence(driver)
            if result != "ok":
                helpers.send_email(settings.PAYROLL_EMAIL, "Licence check needs review: %s" % driver["staff_no"],
                                   "Result: %s" % result)
        except Exception:
            log.exception("licence check failed for %s", driver["staff_no"])


def inspection_reminders():
    due = sql.inspections_due(14)
    if due:
        body = "\n".join("%s %s %s due %s" % (i["fleet_no"], i["registration"], i["inspection_type"].upper(),
                                              helpers.fmt_date(i["due_date"])) for i in due)
        helpers.send_email(settings.ENGINEERING_EMAIL, "Inspections due in the next 14 days", body)
    for v in db.query_all("SELECT id FROM vehicles WHERE status = 'active'"):
        try:
            integrations.dvsa_sync_mot_due(v["id"])
        except Exception:
            log.warning("MOT lookup failed for vehicle %s", v["id"])


def fuel_jobs():
    imp = integrations.FuelCardImport()
    imp.run()
    if imp.unknown:
        helpers.send_email(settings.ENGINEERING_EMAIL, "Fuel card: unknown vehicles", ", ".join(set(imp.unknown)))
    low = sql.tanks_below_reorder()
    if low:
        helpers.send_email(settings.ENGINEERING_EMAIL, "Fuel reorder needed",
                           "\n".join("%s %s: %s litres" % (t["depot_name"], t["fuel_type"], t["current_litres"])
                                     for t in low))


def hire_driver_reminders():
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    for b in sql.bookings_between(tomorrow, tomorrow):
        if not b["driver_id"]:
            continue
        driver = sql.get_driver(b["driver_id"])
        if driver["phone"]:
            integrations.send_sms(driver["phone"], "Private hire tomorrow %s: %s -> %s, vehicle %s" % (
                b["depart_time"], b["pickup"], b["destination"], b["fleet_no"] or "TBC"))


def school_contract_invoices():
    # first of the month: invoice last month's school days for every active contract
    today = datetime.date.today()
    end = today.replace(day=1) - datetime.timedelta(days=1)
    start = end.replace(day=1)
    for c in sql.get_school_contracts():
        days, d = 0, start
        while d <= end:
            if d.weekday() < 5 and helpers.day_type_for(d) == "MF" and c["start_date"] <= d:
                days += 1
            d += datetime.timedelta(days=1)
        if days:
            inv_id = sql.create_hire_invoice(c["customer_id"], days * c["daily_rate_pence"], school_contract_id=c["id"],
                                             issued_on=today)
            integrations.xero_push_invoice(inv_id)
    integrations.xero_sync_payments()


def chase_complaints():
    for c in sql.overdue_complaints():
        to = c["assignee_email"] or settings.CUSTOMER_CARE_EMAIL
        helpers.send_email(to, "Complaint %s is overdue" % c["ref"],
                           "Due %s, status %s" % (helpers.fmt_date(c["due_date"]), c["status"]))


def lost_property_disposal():
    items = sql.lost_property_for_disposal()
    # anything worth more than 50 quid goes to the police rather than charity
    police = [i["id"] for i in items if (i["value_estimate_pence"] or 0) >= 5000]
    charity = [i["id"] for i in items if i["id"] not in police]
    sql.dispose_lost_property(police, "police")
    sql.dispose_lost_property(charity, "disposed")


def payroll_expenses_export():
    today = datetime.date.today()
    end = today.replace(day=1) - datetime.timedelta(days=1)
    integrations.sage_export_expenses(end.replace(day=1), end)


def republish_open_data():
    changed = db.query_all("SELECT DISTINCT route_id FROM timetables WHERE published_at > now() - interval '1 day'")
    for r in changed:
        try:
            integrations.bods_publish_route(r["route_id"])
        except Exception:
            log.exception("BODS publish failed for route %s", r["route_id"])


def purge_login_audit():
    db.execute("DELETE FROM login_audit WHERE created_at < now() - interval '1 year'")
    db.execute("DELETE FROM password_resets WHERE expires_at < now() - interval '7 days'")


def management_email():
    pack = reports.management_pack()
    lines = []
    for title, table in pack.items():
        lines.append("== %s ==" % title)
        lines.extend(", ".join(str(v) for v in row) for row in table["rows"][:20])
    helpers.send_email(["md@valeandmoor.co.uk", "finance@valeandmoor.co.uk"], "Monthly management pack", "\n".join(lines))


JOBS = {
    "etm": [import_etm_files],
    "nightly": [expire_season_passes, roster_gaps_alert, inspection_reminders, fuel_jobs, hire_driver_reminders,
                chase_complaints, lost_property_disposal, republish_open_data, purge_login_audit],
    "weekly": [licence_checks],
    "monthly": [school_contract_invoices, payroll_expenses_export, management_email],
}


def run(group):
    lock = acquire_lock(group)
    if lock is None:
        log.warning("%s already running", group)
        return 1
    failed = 0
    for job in JOBS[group]:
        try:
            log.info("running %s", job.__name__)
            job()
        except Exception:
            failed += 1
            log.exception("job %s failed", job.__name__)
        finally:
            db.close_conn()
    return failed


def main(argv=None):
    argv = argv or sys.argv[1:]
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    if not argv or argv[0] not in JOBS:
        print("usage: jobs.py [%s]" % "|".join(sorted(JOBS)))
        return 2
    return run(argv[0])


if __name__ == "__main__":
    sys.exit(main())
