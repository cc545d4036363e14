#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Nightly housekeeping. Each task is independent; a failing task is
logged and the rest still run.

cron: 30 1 * * *
"""
import os
import sys
import time
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from lib import dbutil, tickets  # noqa: E402
from lib.jobbase import base_arg_parser, exit_with, run_job  # noqa: E402
from lib.notify import mail_ops  # noqa: E402

JOB_NAME = "housekeeping"


def release_quarantined_numbers(log):
    n = dbutil.scalar("SELECT fn_release_quarantined_msisdns()")
    dbutil.commit()
    log.info("released %s numbers from quarantine", n)


def purge_prov_commands(log, days=365):
    n = dbutil.execute("""
        DELETE FROM prov_commands WHERE order_id IN (
               SELECT id FROM prov_orders WHERE status = 'done'
                  AND completed_at < now() - (%s || ' days')::interval)""", (days,), commit_now=True)
    log.info("purged %d prov_commands", n)


def close_resolved_tickets(log):
    n = tickets.auto_close_resolved(7)
    log.info("auto-closed %d tickets", n)


def expire_promotions(log):
    n = dbutil.execute("DELETE FROM promotions WHERE valid_to < current_date - 365", commit_now=True)
    log.info("deleted %d expired promotions", n)


def clear_old_alarms(log, days=90):
    n = dbutil.execute("""
        DELETE FROM element_alarms WHERE cleared_at < now() - (%s || ' days')::interval""", (days,),
                       commit_now=True)
    log.info("deleted %d cleared alarms", n)


def vacuum_analyze(log, tables=("raw_cdrs", "rated_usage", "invoice_lines")):
    conn = dbutil.get_conn()
    old = conn.autocommit
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            for t in tables:
                cur.execute("VACUUM ANALYZE " + t)
    finally:
        conn.autocommit = old
    log.info("vacuumed %s", ", ".join(tables))


TASKS = [
    ("release_numbers", release_quarantined_numbers),
    ("purge_prov_commands", purge_prov_commands),
    ("close_tickets", close_resolved_tickets),
    ("expire_promotions", expire_promotions),
    ("clear_alarms", clear_old_alarms),
    ("vacuum", vacuum_analyze),
]


def _job(args, log):
    failed = []
    for name, task in TASKS:
        if args.only and name not in args.only:
            continue
        t0 = time.time()
        try:
            task(log)
        except Exception:
            dbutil.rollback()
            failed.append(name)
            log.error("task %s failed:\n%s", name, traceback.format_exc())
        log.info("task %s %.1fs", name, time.time() - t0)
    if failed:
        mail_ops("housekeeping failures", ", ".join(failed))
    return 1 if failed else 0


def main():
    p = base_arg_parser("Housekeeping")
    p.add_argument("--only", nargs="*")
    args = p.parse_args()
    exit_with(run_job(JOB_NAME, _job, args))


if __name__ == "__main__":
    main()
