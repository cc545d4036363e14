#!/usr/bin/env python
"""Weekly (Mon 06:00): book services for cars that are due, email fleet ops
the list, flag MOTs expiring in the next 30 days."""
import logging
import sys

sys.path.insert(0, ".")

from carshare import create_app, services  # noqa: E402
from carshare.db import fetch_all  # noqa: E402
from carshare.lib.dates import add_days, today, utcnow  # noqa: E402
from carshare.lib.formatting import display_plate  # noqa: E402
from carshare.lib.mailer import send_email  # noqa: E402

log = logging.getLogger("maintenance_due")

FLEET_OPS_EMAIL = "fleet-ops@carshare.example"
DEFAULT_GARAGE = "bookings@kwikfit-partner.example"


def mots_expiring(days=30):
    return fetch_all("""
        SELECT DISTINCT ON (i.vehicle_id) i.vehicle_id, v.plate, i.mot_expires_on
          FROM vehicle_inspections i JOIN vehicles v ON v.id = i.vehicle_id
         WHERE v.status <> 'retired' AND i.mot_expires_on IS NOT NULL
      ORDER BY i.vehicle_id, i.inspected_at DESC""")


def book_services(rows, dry_run=False):
    booked = []
    for r in rows:
        open_jobs = fetch_all("""SELECT id FROM maintenance_jobs WHERE vehicle_id = %s
                                  AND job_type = 'service' AND status = 'scheduled'""", (r["id"],))
        if open_jobs:
            continue
        if not dry_run:
            services.schedule_maintenance(r["id"], "service", add_days(utcnow(), 3), garage=DEFAULT_GARAGE,
                                          notes="auto-booked: due at %s km / %s" % (r["next_due_km"],
                                                                                 r["next_due_on"]))
        booked.append(r)
    return booked


def main(dry_run=False):
    app = create_app()
    with app.app_context():
        due = services.vehicles_due_service()
        booked = book_services(due, dry_run)
        cutoff = add_days(today(), 30)
        mots = [m for m in mots_expiring() if m["mot_expires_on"] <= cutoff]
        lines = ["Services booked:"] + ["  %s" % display_plate(b["plate"]) for b in booked]
        lines += ["", "MOT expiring within 30 days:"] + [
            "  %s  %s" % (display_plate(m["plate"]), m["mot_expires_on"]) for m in mots]
        send_email(FLEET_OPS_EMAIL, "Weekly maintenance report", "\n".join(lines))
        log.info("booked %d services, %d MOTs expiring", len(booked), len(mots))


if __name__ == "__main__":
    main(dry_run="--dry-run" in sys.argv)
