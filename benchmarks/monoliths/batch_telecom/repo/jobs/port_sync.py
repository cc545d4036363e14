#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Number portability file exchange with the clearing house.

cron: */15 6-22 * * *
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from lib import config, dbutil, porting  # noqa: E402
from lib.jobbase import base_arg_parser, exit_with, run_job  # noqa: E402
from lib.notify import mail_ops  # noqa: E402

JOB_NAME = "port_sync"


def process_incoming(log, dry_run=False):
    incoming = config.path("porting_incoming")
    responses = []
    for name in sorted(os.listdir(incoming)):
        path = os.path.join(incoming, name)
        kind = name.split("_")[0]
        rows = porting.read_npc_file(path)
        for row in rows:
            try:
                if kind == "PORTREQ":
                    _, code = porting.handle_port_out_request(row)
                    responses.append((row["npc_ref"], row["msisdn"], "ACK" if code is None else "NAK", code or ""))
                elif kind == "PORTRSP":
                    porting.handle_response(row)
                elif kind == "PORTACT":
                    porting.execute_port(row)
                else:
                    log.warning("unknown NPC file %s", name)
                    break
            except Exception as e:
                dbutil.rollback()
                log.error("%s row %s: %s", name, row, e)
                mail_ops("porting error", "%s\n%s\n%s" % (name, row, e))
                continue
            if not dry_run:
                dbutil.commit()
        if not dry_run:
            os.rename(path, path + ".done")
    if responses and not dry_run:
        fn = porting.write_responses(responses)
        log.info("wrote %d responses to %s", len(responses), fn)
    return len(responses)


def _job(args, log):
    process_incoming(log, args.dry_run)
    return 0


def main():
    args = base_arg_parser("Porting sync").parse_args()
    exit_with(run_job(JOB_NAME, _job, args))


if __name__ == "__main__":
    main()
