#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Monthly bill run for the cycles whose cycle_day is today.

cron: 0 2 * * *      bill_run.py
manual: bill_run.py --cycle 3 --period 2021-04-01 --test
"""
import os
import sys
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from lib import dbutil, invoicing  # noqa: E402
from lib.dates import add_days, add_months, parse_date, today  # noqa: E402
from lib.jobbase import base_arg_parser, exit_with, run_job  # noqa: E402
from lib.money import format_money  # noqa: E402
from lib.notify import mail_ops, send_mail  # noqa: E402
from lib import config  # noqa: E402

JOB_NAME = "bill_run"


def period_for(cycle, run_date):
    """Cycle day 5 running on 2021-05-05 bills 2021-04-05 .. 2021-05-04."""
    end = add_days(run_date, -1)
    start = add_months(run_date, -1)
    return start, end


def run_cycle(cycle, period_start, period_end, log, test=False, limit=0):
    run = invoicing.BillRun(cycle["id"], period_start, period_end, is_test=test)
    run.start()
    log.info("run %s: cycle %s %s..%s%s", run.run_id, cycle["name"], period_start, period_end,
             " (TEST)" if test else "")
    errors = []
    for i, acc in enumerate(run.accounts()):
        if limit and i >= limit:
            break
        try:
            builder = invoicing.InvoiceBuilder(acc, period_start, period_end, run.run_id)
            invoice_id = builder.save()
            if invoice_id is None:
                dbutil.rollback()
                continue
            if not test:
                invoicing.issue_invoice(invoice_id)
            dbutil.commit()
            run.add(builder.totals()[2])
        except Exception as e:
            dbutil.rollback()
            errors.append((acc["account_no"], str(e)))
            log.error("account %s failed:\n%s", acc["account_no"], traceback.format_exc())
    run.finish("done" if not errors else "done_with_errors")
    if test:
        log.info("test run %s: %d invoices, total %s (rolled back)", run.run_id, run.count, run.total)
        run.rollback_test_run()
    return run, errors


def summary_mail(cycle, run, errors):
    body = ["Bill run %s for cycle %s" % (run.run_id, cycle["name"]),
            "Period: %s - %s" % (run.period_start, run.period_end),
            "Invoices: %d" % run.count,
            "Total: %s" % format_money(run.total), ""]
    if errors:
        body.append("Errors (%d):" % len(errors))
        body += ["  %s: %s" % e for e in errors[:50]]
    send_mail(config.get("mail", "finance_addr"), "Bill run %s done" % cycle["name"], "\n".join(body))


def _job(args, log):
    run_date = parse_date(args.date) if args.date else today()
    if args.cycle:
        cycles = dbutil.fetchall("SELECT * FROM bill_cycles WHERE id = %s", (args.cycle,))
    else:
        cycles = invoicing.cycles_due(run_date)
    if not cycles:
        log.info("no cycles due on %s", run_date)
        return 0
    rc = 0
    for cycle in cycles:
        start, end = period_for(cycle, run_date)
        if args.period:
            start = parse_date(args.period)
            end = add_days(add_months(start, 1), -1)
        try:
            run, errors = run_cycle(cycle, start, end, log, args.test, args.limit)
        except invoicing.BillingError as e:
            log.error(str(e))
            mail_ops("bill run refused", str(e))
            rc = 2
            continue
        if not args.test:
            summary_mail(cycle, run, errors)
        if errors:
            rc = 1
    return rc


def main():
    p = base_arg_parser("Bill run")
    p.add_argument("--cycle", type=int)
    p.add_argument("--date", help="pretend today is DATE")
    p.add_argument("--period", help="period start, overrides cycle logic")
    p.add_argument("--test", action="store_true", help="test run, rolled back at the end")
    p.add_argument("--limit", type=int, default=0)
    args = p.parse_args()
    exit_with(run_job(JOB_NAME, _job, args))


if __name__ == "__main__":
    main()
