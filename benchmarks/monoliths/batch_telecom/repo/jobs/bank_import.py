#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Import CAMT.053 bank statements and allocate payments.

cron: 15 7,12,17 * * 1-5
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from lib import config, dbutil, payments  # noqa: E402
from lib.jobbase import base_arg_parser, exit_with, run_job  # noqa: E402
from lib.money import format_money, ZERO  # noqa: E402
from lib.notify import send_mail  # noqa: E402

JOB_NAME = "bank_import"


def import_statement(path, log, dry_run=False):
    matched, unmatched, total = 0, [], ZERO
    for entry in payments.parse_camt053(path):
        if entry["currency"] != "EUR":
            log.warning("skipping %s %s", entry["currency"], entry["amount"])
            continue
        pid, account_id = payments.register_bank_entry(entry)
        total += entry["amount"]
        if account_id:
            matched += 1
        else:
            unmatched.append((pid, entry))
    if dry_run:
        dbutil.rollback()
    else:
        dbutil.commit()
    return matched, unmatched, total


def _job(args, log):
    incoming = config.path("bank_incoming")
    archive = config.path("bank_archive")
    unmatched_all = []
    for name in sorted(os.listdir(incoming)):
        if not name.lower().endswith(".xml"):
            continue
        path = os.path.join(incoming, name)
        matched, unmatched, total = import_statement(path, log, args.dry_run)
        log.info("%s: %d matched, %d unmatched, total %s", name, matched, len(unmatched), total)
        unmatched_all += unmatched
        if not args.dry_run:
            os.rename(path, os.path.join(archive, name))
    if unmatched_all and not args.dry_run:
        lines = ["%6s  %12s  %s" % (pid, format_money(e["amount"]), e["reference"][:60])
                 for pid, e in unmatched_all]
        send_mail(config.get("mail", "finance_addr"), "Unmatched bank payments (%d)" % len(lines),
                  "Please assign these in the admin UI:\n\n" + "\n".join(lines))
    return 0


def main():
    args = base_arg_parser("Import bank statements").parse_args()
    exit_with(run_job(JOB_NAME, _job, args))


if __name__ == "__main__":
    main()
