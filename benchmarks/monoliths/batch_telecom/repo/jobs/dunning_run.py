#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Daily dunning run.

cron: 0 9 * * 1-5
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from lib import config, dbutil, dunning, reports  # noqa: E402
from lib.dates import today, parse_date  # noqa: E402
from lib.jobbase import base_arg_parser, exit_with, run_job  # noqa: E402
from lib.notify import send_mail  # noqa: E402

JOB_NAME = "dunning_run"


def send_aged_debt(log):
    """Mondays: aged debt list for credit control."""
    header, rows = reports.aged_debt_report()
    data = reports.write_csv(header, rows, reports.report_path("aged_debt"))
    send_mail(config.get("mail", "finance_addr"), "Aged debt %s" % today(),
              "Aged debt report attached (%d accounts)." % len(rows),
              attachments=[("aged_debt_%s.csv" % today().strftime("%Y%m%d"), data.encode("utf-8"))])
    log.info("aged debt report sent, %d rows", len(rows))


def send_effectiveness(log):
    """1st working day of the month: how well did last month's dunning work."""
    from lib.dates import add_months, first_of_month
    month = add_months(first_of_month(today()), -1)
    header, rows = reports.dunning_effectiveness(month)
    send_mail(config.get("mail", "finance_addr"), "Dunning effectiveness %s" % month.strftime("%m/%Y"),
              reports.write_csv(header, rows))
    log.info("dunning effectiveness sent")


def _job(args, log):
    as_of = parse_date(args.date) if args.date else today()
    closed = 0 if args.dry_run else dunning.close_paid_cases()
    log.info("closed %d paid cases", closed)
    counts = {}
    for acc in dunning.find_overdue_accounts(as_of):
        try:
            action = dunning.advance_case(acc, as_of, args.dry_run)
        except Exception as e:
            dbutil.rollback()
            log.error("dunning %s failed: %s", acc["account_no"], e)
            continue
        if action:
            counts[action] = counts.get(action, 0) + 1
        if not args.dry_run:
            dbutil.commit()
    log.info("actions: %s", counts)
    if as_of.weekday() == 0 and not args.dry_run:
        send_aged_debt(log)
    if as_of.day <= 3 and as_of.weekday() < 5 and not args.dry_run:
        # TODO: sends up to 3 times if the 1st is a Friday... nobody complained yet
        send_effectiveness(log)
    return 0


def main():
    p = base_arg_parser("Dunning run")
    p.add_argument("--date")
    args = p.parse_args()
    exit_with(run_job(JOB_NAME, _job, args))


if __name__ == "__main__":
    main()
