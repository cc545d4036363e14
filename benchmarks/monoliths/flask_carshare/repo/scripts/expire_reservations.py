#!/usr/bin/env python
"""Every 5 minutes: no-shows, waitlist housekeeping, flip 'available' cars
that have a booking starting soon to 'reserved'."""
import logging
import sys

sys.path.insert(0, ".")

from carshare import create_app, services  # noqa: E402
from carshare.db import fetch_all  # noqa: E402
from carshare.lib.dates import add_minutes, utcnow  # noqa: E402

log = logging.getLogger("expire_reservations")


def reserve_upcoming(window_minutes=30):
    now = utcnow()
    rows = fetch_all("""
        SELECT r.vehicle_id FROM reservations r JOIN vehicles v ON v.id = r.vehicle_id
         WHERE r.status = 'confirmed' AND r.starts_at BETWEEN %s AND %s AND v.status = 'available'""",
                     (now, add_minutes(now, window_minutes)))
    for r in rows:
        services.set_vehicle_status(r["vehicle_id"], "reserved")
    return len(rows)


def main():
    app = create_app()
    with app.app_context():
        expired = services.expire_stale_reservations()
        lapsed = services.lapse_waitlist()
        flipped = reserve_upcoming()
        log.info("no-shows=%d lapsed waitlist=%d reserved=%d", len(expired), lapsed, flipped)


if __name__ == "__main__":
    main()
