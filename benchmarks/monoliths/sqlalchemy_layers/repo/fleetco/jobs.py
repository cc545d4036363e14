"""Nightly cron entry point: ``python -m fleetco.jobs <job>``."""
import logging
import sys

from fleetco.common.db import session_scope
from fleetco.services import driver_service, fleet_service, invoicing, pricing

log = logging.getLogger("fleetco.jobs")


def expire_quotes_job():
    with session_scope() as session:
        return pricing.expire_stale_quotes(session)


def dunning_job():
    with session_scope() as session:
        return invoicing.dunning_run(session)


def maintenance_reminder_job():
    with session_scope() as session:
        return fleet_service.send_maintenance_reminders(session)


def license_reminder_job():
    with session_scope() as session:
        return driver_service.license_expiry_reminders(session)


JOBS = {
    "expire-quotes": expire_quotes_job,
    "dunning": dunning_job,
    "maintenance": maintenance_reminder_job,
    "licenses": license_reminder_job,
}


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    name = sys.argv[1] if len(sys.argv) > 1 else ""
    if name not in JOBS:
        print("usage: python -m fleetco.jobs [" + "|".join(sorted(JOBS)) + "]")
        sys.exit(2)
    log.info("job %s -> %s", name, JOBS[name]())
