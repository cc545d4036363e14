#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Rate new CDRs.

cron: 5,35 * * * *              rate_usage.py
      10 0 1 * *                rate_usage.py --reset-bundles
      30 3 * * 0                rate_usage.py --purge --requeue
      0 8 * * 1                 rate_usage.py --report
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from lib import dbutil, rating, reports  # noqa: E402
from lib.dates import add_months, first_of_month, today  # noqa: E402
from lib.jobbase import base_arg_parser, exit_with, run_job, timed  # noqa: E402
from lib.notify import mail_ops  # noqa: E402

JOB_NAME = "rate_usage"
BATCH = 5000
KEEP_RAW_DAYS = 180    # legal retention is 6 months for traffic data


@timed
def rate_all(log, dry_run=False, max_batches=0):
    engine = rating.RatingEngine(dry_run=dry_run)
    batches = 0
    while True:
        cdrs = dbutil.fetch_new_cdrs(BATCH)
        if not cdrs:
            break
        ok, bad = engine.rate_batch(cdrs)
        batches += 1
        log.info("batch %d: %d rated, %d rejected", batches, ok, bad)
        if dry_run or (max_batches and batches >= max_batches):
            dbutil.rollback()
            break
    log.info("stats %s", engine.stats)
    return engine.stats


def purge_old_cdrs(log, days=KEEP_RAW_DAYS):
    """Delete raw CDRs past retention. rated_usage keeps the money side
    (raw_cdr_id is set NULL first because of the FK)."""
    n1 = dbutil.execute("""
        UPDATE rated_usage SET raw_cdr_id = NULL
         WHERE raw_cdr_id IN (SELECT id FROM raw_cdrs WHERE start_time < now() - (%s || ' days')::interval)""",
                        (days,))
    dbutil.execute("""
        DELETE FROM rating_rejects WHERE raw_cdr_id IN (
               SELECT id FROM raw_cdrs WHERE start_time < now() - (%s || ' days')::interval)""", (days,))
    n2 = dbutil.execute("DELETE FROM raw_cdrs WHERE start_time < now() - (%s || ' days')::interval", (days,))
    dbutil.commit()
    log.info("purged %d raw cdrs (%d rated rows detached)", n2, n1)


def usage_report(log):
    """Weekly mail to ops: rejects of the last week + last month's usage per zone."""
    h1, rejects = reports.rejected_cdrs_summary(7)
    h2, zones = reports.usage_by_zone(add_months(first_of_month(today()), -1))
    body = reports.write_csv(h1, rejects) + "\n\n" + reports.write_csv(h2, zones)
    mail_ops("rating weekly: %d reject reasons" % len(rejects), body)
    log.info("usage report sent")


def _job(args, log):
    if args.report:
        usage_report(log)
        return 0
    if args.reset_bundles:
        n = rating.reset_all_bundles(first_of_month(today()))
        log.info("bundles initialised for %d subscribers", n)
        return 0
    if args.requeue:
        n = rating.requeue_rejects(args.reason, older_than_days=0)
        log.info("requeued %d rejected cdrs", n)
    if args.purge:
        purge_old_cdrs(log)
        return 0
    stats = rate_all(log, args.dry_run, args.max_batches)
    if stats["rejected"] > 0.05 * max(stats["rated"], 1):
        log.warning("reject ratio high: %s", stats)
    return 0


def main():
    p = base_arg_parser("Rate CDRs")
    p.add_argument("--reset-bundles", action="store_true")
    p.add_argument("--requeue", action="store_true")
    p.add_argument("--reason", help="LIKE pattern for --requeue")
    p.add_argument("--purge", action="store_true")
    p.add_argument("--report", action="store_true")
    p.add_argument("--max-batches", type=int, default=0)
    args = p.parse_args()
    exit_with(run_job(JOB_NAME, _job, args))


if __name__ == "__main__":
    main()
