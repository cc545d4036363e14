#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""SEPA direct debit: create batch + pain.008 file, book collections on
collection date, and process return files (R-transactions).

cron: 30 18 * * 1-5   dd_export.py
      0 8 * * 1-5     dd_export.py --book
      30 8 * * 1-5    dd_export.py --returns
"""
import csv
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from lib import config, dbutil, payments  # noqa: E402
from lib.dates import today  # noqa: E402
from lib.jobbase import base_arg_parser, exit_with, run_job  # noqa: E402

JOB_NAME = "dd_export"


def export_batch(log, dry_run=False):
    batch_id, items = payments.create_dd_batch()
    if batch_id is None:
        log.info("nothing to collect")
        return None
    collection_date = dbutil.scalar("SELECT collection_date FROM dd_batches WHERE id = %s", (batch_id,))
    xml = payments.sepa_pain008(batch_id, collection_date, items)
    fn = os.path.join(config.path("dd_outgoing"), "DD_%08d_%s.xml" % (batch_id, today().strftime("%Y%m%d")))
    if dry_run:
        dbutil.rollback()
        log.info("DRY batch with %d items", len(items))
        return None
    with open(fn, "wb") as fh:
        fh.write(xml)
    dbutil.execute("UPDATE dd_batches SET filename = %s, status = 'sent' WHERE id = %s",
                   (os.path.basename(fn), batch_id))
    dbutil.commit()
    log.info("dd batch %s: %d items -> %s", batch_id, len(items), fn)
    return batch_id


def book_due_batches(log):
    batches = dbutil.fetchall("""
        SELECT id FROM dd_batches WHERE status = 'sent' AND collection_date <= current_date""")
    for b in batches:
        n = payments.book_dd_batch_collected(b["id"])
        log.info("booked dd batch %s (%d items)", b["id"], n)


def process_returns(log):
    """Bank drops returns as CSV: e2e_id;amount;reason_code"""
    incoming = config.path("bank_incoming")
    for name in sorted(os.listdir(incoming)):
        if not name.startswith("DDRET_"):
            continue
        path = os.path.join(incoming, name)
        with open(path, newline="") as fh:
            for row in csv.reader(fh, delimiter=";"):
                if row and row[0] != "e2e_id":
                    payments.process_dd_return(row[0], row[2])
        dbutil.commit()
        os.rename(path, os.path.join(config.path("bank_archive"), name))
        log.info("processed returns file %s", name)


def _job(args, log):
    if args.book:
        book_due_batches(log)
    elif args.returns:
        process_returns(log)
    else:
        export_batch(log, args.dry_run)
    return 0


def main():
    p = base_arg_parser("SEPA direct debit")
    p.add_argument("--book", action="store_true")
    p.add_argument("--returns", action="store_true")
    args = p.parse_args()
    exit_with(run_job(JOB_NAME, _job, args))


if __name__ == "__main__":
    main()
