"""Batch jobs, run from cron:

    0 2 * * *  /opt/lims/bin/lims-nightly /etc/lims/production.ini
    0 6 1 * *  /opt/lims/bin/lims-kpi /etc/lims/production.ini
"""
import logging
import logging.config
import sys
import time
import traceback

from lab.db import get_engine, transaction_scope
from lab.lib.config import load_settings, get_setting
from lab.lib.misc import send_mail

log = logging.getLogger("lab.tasks")


def bootstrap(argv=None):
    argv = argv if argv is not None else sys.argv
    if len(argv) < 2:
        sys.stderr.write("usage: %s <config.ini>\n" % argv[0])
        sys.exit(2)
    config_uri = argv[1]
    try:
        logging.config.fileConfig(config_uri, disable_existing_loggers=False)
    except Exception:  # noqa
        logging.basicConfig(level=logging.INFO)
    settings = load_settings(config_uri)
    return get_engine(settings), settings


def run_job(name, fn, *args, **kwargs):
    """Run one job in its own transaction; never let one job kill the others."""
    t0 = time.time()
    try:
        with transaction_scope() as conn:
            result = fn(conn, *args, **kwargs)
        log.info("job %s ok in %.1fs: %r", name, time.time() - t0, result)
        return True, result
    except Exception:  # noqa
        tb = traceback.format_exc()
        log.error("job %s failed:\n%s", name, tb)
        send_mail(get_setting("tasks.alert_to", "it@example.invalid"), "LIMS job %s failed" % name, tb)
        return False, None
