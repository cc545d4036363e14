#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Load CDR files from the mediation SFTP drop into raw_cdrs.

cron: */10 * * * *
"""
import datetime
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from lib import config, dbutil  # noqa: E402
from lib import cdr_parser  # noqa: E402
from lib.jobbase import base_arg_parser, run_job, exit_with  # noqa: E402
from lib.notify import mail_ops  # noqa: E402

JOB_NAME = "import_cdrs"
MIN_AGE_SECONDS = 60   # mediation writes in place, wait until the file is complete


def archive_file(path, archive_root, when=None):
    """Move path to archive_root/YYYY/MM/DD/. Returns the new path."""
    when = when or datetime.date.today()
    dest_dir = os.path.join(archive_root, when.strftime("%Y"), when.strftime("%m"), when.strftime("%d"))
    if not os.path.isdir(dest_dir):
        os.makedirs(dest_dir)
    dest = os.path.join(dest_dir, os.path.basename(path))
    if os.path.exists(dest):
        dest += ".%s" % datetime.datetime.now().strftime("%H%M%S")
    shutil.move(path, dest)
    return dest


def process_file(path, log, dry_run=False):
    name = os.path.basename(path)
    source = cdr_parser.detect_source(name)
    if source is None:
        log.warning("unknown file type %s, moving to error dir", name)
        if not dry_run:
            archive_file(path, config.path("cdr_error"))
        return 0
    file_id = cdr_parser.register_file(name, source)
    if file_id is None:
        log.warning("%s already loaded, archiving duplicate", name)
        if not dry_run:
            archive_file(path, config.path("cdr_archive"))
        return 0
    try:
        n = cdr_parser.load_records(file_id, cdr_parser.iter_records(path, source))
    except Exception as e:
        dbutil.rollback()
        log.error("loading %s failed: %s", name, e)
        cdr_parser.mark_file_error(file_id, e)
        archive_file(path, config.path("cdr_error"))
        mail_ops("CDR load failed: %s" % name, str(e))
        return 0
    if dry_run:
        dbutil.rollback()
        log.info("DRY %s: %d records", name, n)
        return n
    dbutil.commit()
    archive_file(path, config.path("cdr_archive"))
    log.info("%s: %d %s records loaded", name, n, source)
    return n


def _job(args, log):
    incoming = config.path("cdr_incoming")
    now = datetime.datetime.now().timestamp()
    files = sorted(f for f in os.listdir(incoming) if not f.startswith("."))
    total = 0
    for f in files:
        path = os.path.join(incoming, f)
        if not os.path.isfile(path) or now - os.path.getmtime(path) < MIN_AGE_SECONDS:
            continue
        total += process_file(path, log, args.dry_run)
        if args.max_files and files.index(f) + 1 >= args.max_files:
            break
    log.info("done, %d records from %d files", total, len(files))
    return 0


def main():
    p = base_arg_parser("Import CDR files")
    p.add_argument("--max-files", type=int, default=0)
    args = p.parse_args()
    exit_with(run_job(JOB_NAME, _job, args))


if __name__ == "__main__":
    main()
