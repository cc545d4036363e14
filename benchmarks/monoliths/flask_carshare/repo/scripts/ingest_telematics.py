#!/usr/bin/env python
"""Pull CSV dumps from the telematics provider's SFTP drop (every 10 min).

The realtime HTTP push doesn't work for the older Teltonika units, they
batch-upload here instead.
"""
import logging
import os
import shutil
import sys

sys.path.insert(0, ".")

from carshare import create_app, telematics  # noqa: E402
from carshare.db import fetch_all  # noqa: E402

log = logging.getLogger("ingest_telematics")

INBOX = os.environ.get("TELEMATICS_INBOX", "/srv/sftp/telematics/inbox")
DONE = os.environ.get("TELEMATICS_DONE", "/srv/sftp/telematics/done")


def process_file(path, speeding_kph, harsh_brake_delta):
    with open(path, encoding="utf-8") as f:
        pings = telematics.parse_csv(f.read())
    stored, skipped = telematics.ingest_batch(pings, speeding_kph, harsh_brake_delta)
    log.info("%s: stored=%d skipped=%d", os.path.basename(path), stored, skipped)
    shutil.move(path, os.path.join(DONE, os.path.basename(path)))
    return stored


def flag_gps_mismatches(hours=1):
    """Trips that ended recently where odometer and GPS disagree -> trip event."""
    from carshare import services
    rows = fetch_all("""SELECT * FROM trips WHERE status = 'ended'
                         AND ended_at > now() - (%s || ' hours')::interval""", (str(hours),))
    n = 0
    for t in rows:
        if telematics.odometer_gps_mismatch(t):
            services.record_trip_event(t["id"], "odometer_mismatch", t["ended_at"],
                                       {"gps_km": telematics.gps_distance_km(t["id"]),
                                        "odo_km": float(t["distance_km"] or 0)})
            n += 1
    return n


def main():
    app = create_app()
    with app.app_context():
        cfg = app.config
        files = sorted(f for f in os.listdir(INBOX) if f.endswith(".csv"))
        total = 0
        for name in files:
            try:
                total += process_file(os.path.join(INBOX, name), cfg["TELEMATICS_SPEEDING_KPH"],
                                      cfg["TELEMATICS_HARSH_BRAKE_DELTA"])
            except Exception:  # noqa
                log.exception("failed on %s", name)
        log.info("done: %d files, %d pings, %d mismatches", len(files), total, flag_gps_mismatches())


if __name__ == "__main__":
    main()
