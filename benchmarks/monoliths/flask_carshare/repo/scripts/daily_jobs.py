#!/usr/bin/env python
"""Grab-bag of daily jobs (cron: 04:00, `python scripts/daily_jobs.py all`).

Each job is independent; a failure in one doesn't stop the others.
"""
import csv
import logging
import os
import sys
import time

sys.path.insert(0, ".")

from flask import current_app  # noqa: E402

from carshare import create_app, queries as Q, services  # noqa: E402
from carshare.blueprints.support.routes import record_sla_breach, ticketsBreachingSla  # noqa: E402
from carshare.db import fetch_all, fetch_one  # noqa: E402
from carshare.lib.dates import add_days, parse_datetime, utcnow  # noqa: E402
from carshare.lib.money import to_pence  # noqa: E402

log = logging.getLogger("daily_jobs")

FINES_DROP = os.environ.get("FINES_DROP", "/srv/sftp/fines")


def recheck_licences(limit=500):
    """Re-run licence checks every LICENCE_RECHECK_DAYS for active members."""
    cutoff = add_days(utcnow(), -current_app.config["LICENCE_RECHECK_DAYS"])
    rows = fetch_all(Q.LICENCES_DUE_RECHECK + " LIMIT %d" % limit, (cutoff,))
    failed = 0
    for r in rows:
        ok = services.verify_licence(r["id"])
        if ok is False:
            failed += 1
            services.suspend_member(r["member_id"], "licence no longer valid")
        time.sleep(0.2)  # provider rate limit
    return "%d rechecked, %d failed" % (len(rows), failed)


def expire_licences():
    members = services.expire_licences()
    for mid in members:
        services.suspend_member(mid, "driving licence expired", cancel_bookings=True)
    return "%d licences expired" % len(members)


def snapshot_zones():
    return "%d zones snapshotted" % services.snapshot_zone_capacity()


def rebalance_hints(threshold=0.9):
    """Zones over/under capacity -> list for the jockeys (printed, someone reads the cron mail)."""
    over = [z for z in services.zone_occupancy() if z["ratio"] is not None and z["ratio"] > threshold]
    empty = [z for z in services.zone_occupancy() if z["present"] == 0]
    for z in over:
        log.info("zone %s is at %d%%", z["name"], int(z["ratio"] * 100))
    return "%d zones full, %d empty" % (len(over), len(empty))


def escalate_support_sla():
    lead = fetch_one("SELECT id FROM support_agents WHERE team = 'general' AND active ORDER BY id LIMIT 1")
    rows = ticketsBreachingSla()
    for t in rows:
        record_sla_breach(t["id"], t["breach_type"], escalate_to=lead["id"] if lead else None)
    return "%d tickets escalated" % len(rows)


def import_fines():
    """Councils send CSVs of PCNs: authority,reference,plate,offence,issued_at,amount"""
    if not os.path.isdir(FINES_DROP):
        return "no fines drop"
    imported = 0
    for name in sorted(os.listdir(FINES_DROP)):
        if not name.endswith(".csv"):
            continue
        path = os.path.join(FINES_DROP, name)
        with open(path, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                try:
                    fid = services.record_traffic_fine(row["plate"], row["authority"], row["reference"],
                                                       row.get("offence"), parse_datetime(row["issued_at"]),
                                                       to_pence(row["amount"]))
                except Exception:  # noqa
                    log.exception("bad fine row %r", row)
                    continue
                if fid:
                    imported += 1
        os.rename(path, path + ".done")
    assigned = services.assign_pending_fines()
    return "%d fines imported, %d recharged" % (imported, assigned)


JOBS = {
    "licences": recheck_licences,
    "expire_licences": expire_licences,
    "zones": snapshot_zones,
    "rebalance": rebalance_hints,
    "sla": escalate_support_sla,
    "fines": import_fines,
}


def run_jobs(names, registry):
    results = {}
    for name in names:
        fn = registry[name]
        t0 = time.time()
        try:
            results[name] = fn()
        except Exception as exc:  # noqa
            log.exception("job %s failed", name)
            results[name] = "FAILED: %s" % exc
        log.info("[%s] %s (%.1fs)", name, results[name], time.time() - t0)
    return results


def main(argv=None):
    argv = argv if argv is not None else sys.argv[1:]
    names = list(JOBS) if not argv or argv == ["all"] else argv
    app = create_app()
    with app.app_context():
        run_jobs(names, JOBS)


if __name__ == "__main__":
    main()
