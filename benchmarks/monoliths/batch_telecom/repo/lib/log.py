# -*- coding: utf-8 -*-
import logging
import logging.handlers
import os
import sys

LOG_DIR = os.environ.get("TELCOBSS_LOG_DIR", "/var/log/telcobss")
FORMAT = "%(asctime)s %(process)d %(levelname)-7s %(name)s: %(message)s"

_configured = set()


def get_logger(name):
    return logging.getLogger("telcobss." + name)


def setup_job_logging(job_name, verbose=False):
    """Log to stderr (cron mails it) and to a rotating file per job."""
    if job_name in _configured:
        return get_logger(job_name)
    root = logging.getLogger("telcobss")
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    fmt = logging.Formatter(FORMAT)
    sh = logging.StreamHandler(sys.stderr)
    sh.setFormatter(fmt)
    sh.setLevel(logging.WARNING if not verbose else logging.DEBUG)
    root.addHandler(sh)
    if os.path.isdir(LOG_DIR):
        fh = logging.handlers.TimedRotatingFileHandler(
            os.path.join(LOG_DIR, job_name + ".log"), when="midnight", backupCount=30)
        fh.setFormatter(fmt)
        root.addHandler(fh)
    _configured.add(job_name)
    return get_logger(job_name)
