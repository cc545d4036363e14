#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Send pending provisioning orders to the HLR.

cron: * * * * *   (the lock prevents overlap)
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from lib import dbutil, provisioning  # noqa: E402
from lib.jobbase import base_arg_parser, exit_with, run_job  # noqa: E402
from lib.notify import mail_ops  # noqa: E402

JOB_NAME = "provision_pending"
SIM_LOW_WATERMARK = 200


def run_once(log, limit):
    orders = provisioning.pending_orders(limit)
    clients = {}
    done = failed = 0
    try:
        for order in orders:
            try:
                provisioning.process_order(order, clients)
                dbutil.commit()
                done += 1
            except Exception as e:
                dbutil.rollback()
                status = provisioning.fail_order(order, e)
                dbutil.commit()
                failed += 1
                log.warning("order %s (%s) -> %s: %s", order["id"], order["order_type"], status, e)
    finally:
        for c in clients.values():
            c.close()
    return done, failed


def check_sim_stock(log):
    low = [r for r in provisioning.sim_stock_levels() if r["in_stock"] < SIM_LOW_WATERMARK]
    if low:
        mail_ops("SIM stock low", "\n".join("%s: %d left" % (r["warehouse"], r["in_stock"]) for r in low))
        log.warning("sim stock low in %s", [r["warehouse"] for r in low])


def _job(args, log):
    released = provisioning.release_expired_reservations()
    if released:
        log.info("released %d expired number reservations", released)
    done, failed = run_once(log, args.limit)
    if done or failed:
        log.info("orders done=%d failed=%d", done, failed)
    if args.stock_check:
        check_sim_stock(log)
    return 0


def main():
    p = base_arg_parser("Provision pending orders")
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--stock-check", action="store_true")
    args = p.parse_args()
    exit_with(run_job(JOB_NAME, _job, args))


if __name__ == "__main__":
    main()
