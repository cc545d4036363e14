#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Render PDFs for issued invoices and e-mail them. Paper invoices go to
the print house as one CSV + PDFs per day.

cron: 0 6 * * *
"""
import csv
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from lib import config, dbutil, invoicing, invoice_pdf  # noqa: E402
from lib.dates import today  # noqa: E402
from lib.jobbase import base_arg_parser, exit_with, run_job  # noqa: E402
from lib.notify import send_mail  # noqa: E402

JOB_NAME = "send_invoices"
PRINT_DIR = "/data/print/outgoing"


def send_one(inv, log, dry_run=False):
    path, ctx = invoice_pdf.render_pdf(inv["id"])
    contact = ctx["contact"]
    if inv["paper_invoice"] or not contact or not contact["email"]:
        return path, "paper"
    if dry_run:
        log.info("DRY would mail %s to %s", inv["invoice_no"], contact["email"])
        return path, "dry"
    with open(path, "rb") as fh:
        send_mail(contact["email"], "Your invoice %s" % inv["invoice_no"], invoice_pdf.email_body(ctx),
                  attachments=[(os.path.basename(path), fh.read())])
    return path, "email"


def write_print_batch(paper, log):
    if not paper:
        return None
    fn = os.path.join(PRINT_DIR, "print_%s.csv" % today().strftime("%Y%m%d"))
    with open(fn, "w", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["invoice_no", "account_no", "name", "line1", "line2", "postcode", "city", "pdf"])
        for inv, path in paper:
            addr = dbutil.get_billing_address(inv["account_id"]) or {}
            w.writerow([inv["invoice_no"], inv["account_no"], inv["account_name"], addr.get("line1"),
                        addr.get("line2"), addr.get("postcode"), addr.get("city"), os.path.basename(path)])
    log.info("print batch %s with %d invoices", fn, len(paper))
    return fn


def _job(args, log):
    invs = invoicing.invoices_to_send(args.limit or 5000)
    paper, failed = [], 0
    for inv in invs:
        try:
            path, how = send_one(inv, log, args.dry_run)
        except Exception as e:
            failed += 1
            log.error("invoice %s: %s", inv["invoice_no"], e)
            continue
        if how == "paper":
            paper.append((inv, path))
        if not args.dry_run:
            invoicing.mark_sent(inv["id"], path)
    if not args.dry_run:
        write_print_batch(paper, log)
    log.info("%d invoices processed, %d paper, %d failed", len(invs), len(paper), failed)
    return 1 if failed else 0


def main():
    p = base_arg_parser("Send invoices")
    p.add_argument("--limit", type=int, default=0)
    args = p.parse_args()
    exit_with(run_job(JOB_NAME, _job, args))


if __name__ == "__main__":
    main()
