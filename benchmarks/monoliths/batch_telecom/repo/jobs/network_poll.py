#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Poll core network elements (SNMP) and send maintenance notifications.

cron: */5 * * * *     network_poll.py
      0 10 * * *      network_poll.py --maintenance
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from lib import dbutil, network  # noqa: E402
from lib.jobbase import base_arg_parser, exit_with, run_job  # noqa: E402
from lib.notify import mail_ops, send_sms  # noqa: E402

JOB_NAME = "network_poll"
CORE_TYPES = ("msc", "hlr", "sgsn", "ggsn", "smsc")

MAINT_SMS = ("Telco: planned maintenance in your area on %s between %s and %s. "
             "Mobile service may be interrupted. Sorry for the inconvenience.")


def poll_all(log):
    changed = []
    for el in dbutil.list_elements():
        if el["element_type"] not in CORE_TYPES:
            continue
        before = el["status"]
        after = network.poll_element(el)
        dbutil.commit()
        if before != after:
            changed.append((el["name"], before, after))
    if changed:
        mail_ops("network status change", "\n".join("%s: %s -> %s" % c for c in changed))
    log.info("polled, %d changes", len(changed))
    return changed


def notify_maintenance(log, dry_run=False):
    for w in network.windows_to_notify():
        msisdns = network.affected_msisdns(w["site_id"])
        text = MAINT_SMS % (w["starts_at"].strftime("%d-%m"), w["starts_at"].strftime("%H:%M"),
                            w["ends_at"].strftime("%H:%M"))
        sent = 0
        for m in msisdns:
            if dry_run:
                continue
            try:
                send_sms(m, text)
                sent += 1
            except Exception as e:
                log.warning("maintenance sms %s: %s", m, e)
        if not dry_run:
            network.mark_window_notified(w["id"])
        log.info("window %s on %s: %d/%d notified", w["id"], w["element_name"], sent, len(msisdns))


def _job(args, log):
    if args.maintenance:
        notify_maintenance(log, args.dry_run)
    else:
        poll_all(log)
    return 0


def main():
    p = base_arg_parser("Network poll")
    p.add_argument("--maintenance", action="store_true")
    args = p.parse_args()
    exit_with(run_job(JOB_NAME, _job, args))


if __name__ == "__main__":
    main()
