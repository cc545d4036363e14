#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Finance pack: revenue per plan, ARPU and last bill runs, mailed to
finance on the 2nd of the month (and on demand with --month).

cron: 0 5 2 * *
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from lib import config, dbutil, reports  # noqa: E402
from lib.dates import add_months, first_of_month, parse_date, period_label, today  # noqa: E402
from lib.jobbase import base_arg_parser, exit_with, run_job  # noqa: E402
from lib.notify import send_mail  # noqa: E402

JOB_NAME = "nightly_reports"


def finance_pack(month, log):
    attachments = []
    for name, fn in (("revenue_by_plan", reports.revenue_by_plan), ("arpu", reports.arpu_report)):
        header, rows = fn(month)
        data = reports.write_csv(header, rows, reports.report_path(name, month))
        attachments.append(("%s_%s.csv" % (name, month.strftime("%Y%m")), data.encode("utf-8")))
        log.info("%s: %d rows", name, len(rows))
    runs = dbutil.fetchall("""
        SELECT id FROM billing_runs WHERE NOT is_test AND started_at >= %s AND started_at < %s
         ORDER BY id""", (month, add_months(month, 1)))
    for r in runs:
        header, rows = reports.billing_run_summary(r["id"])
        data = reports.write_csv(header, rows)
        attachments.append(("billrun_%d.csv" % r["id"], data.encode("utf-8")))
    return attachments


def _job(args, log):
    month = first_of_month(parse_date(args.month) if args.month else add_months(today(), -1))
    attachments = finance_pack(month, log)
    if args.dry_run:
        return 0
    send_mail(config.get("mail", "finance_addr"), "Finance pack %s" % period_label(month),
              "Attached: %s" % ", ".join(a[0] for a in attachments), attachments=attachments)
    return 0


def main():
    p = base_arg_parser("Finance reports")
    p.add_argument("--month", help="any date in the month to report")
    args = p.parse_args()
    exit_with(run_job(JOB_NAME, _job, args))


if __name__ == "__main__":
    main()
