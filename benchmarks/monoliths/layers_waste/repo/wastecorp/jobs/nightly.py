"""Nightly batch.  cron: 02:15 every day on jobs01.

Each step is independent; a failure is logged and the next step runs.
"""
import datetime as dt
import errno
import logging
import os
import time

import requests
from sqlalchemy import text

from wastecorp.config import Config
from wastecorp.extensions import db
from wastecorp.utils.dates import today, is_working_day
from wastecorp.utils.db import fetch_all, execute, bulk_insert
from wastecorp.utils.misc import send_email

log = logging.getLogger("wastecorp.jobs.nightly")

LETSRECYCLE_FEED = "https://feeds.example-prices.co.uk/api/v2/latest"


class JobLock(object):
    """Crude pid-file lock so two crons can't overlap."""

    def __init__(self, name):
        self.path = os.path.join(Config.JOB_LOCK_DIR, "wastecorp-%s.lock" % name)
        self.fd = None

    def __enter__(self):
        try:
            self.fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except OSError as exc:
            if exc.errno == errno.EEXIST:
                raise RuntimeError("job %s already running (%s)" % (self.path, self.path))
            raise
        os.write(self.fd, str(os.getpid()).encode())
        return self

    def __exit__(self, *exc):
        os.close(self.fd)
        os.unlink(self.path)
        return False


def run_step(name, fn, *args, **kwargs):
    started = time.time()
    try:
        result = fn(*args, **kwargs)
        db.session.commit()
        log.info("step %s ok in %.1fs: %r", name, time.time() - started, result)
        return True
    except Exception:
        db.session.rollback()
        log.exception("step %s failed", name)
        return False


# ---------------------------------------------------------------------------
# collections
# ---------------------------------------------------------------------------

def sweep_missed_collections(day=None):
    """Any stop on a finished round with no lift event becomes a missed
    collection (crew_fault unknown until the supervisor reviews it)."""
    day = day or (today() - dt.timedelta(days=1))
    rows = fetch_all("""
        SELECT s.service_address_id, cs.route_id, cs.collection_date
          FROM collection_schedules cs
          JOIN route_stops s ON s.route_id = cs.route_id
         WHERE cs.collection_date = :d AND cs.status = 'DONE'
           AND NOT EXISTS (SELECT 1 FROM collection_events e
                            WHERE e.schedule_id = cs.id AND e.route_stop_id = s.id)
           AND NOT EXISTS (SELECT 1 FROM missed_collections m
                            WHERE m.service_address_id = s.service_address_id
                              AND m.due_date = cs.collection_date)
    """, {"d": day})
    bulk_insert("missed_collections", [
        {"service_address_id": r["service_address_id"], "route_id": r["route_id"],
         "due_date": r["collection_date"], "reason": "NO_LIFT_RECORDED",
         "reported_by": "nightly", "credit_issued": False} for r in rows])
    return len(rows)


def roll_calendar_forward(days_ahead=28):
    from wastecorp.services import scheduling
    start = today()
    return scheduling.generate_collection_calendar(start, start + dt.timedelta(days=days_ahead))


def cancel_stale_schedules():
    # rounds left IN_PROGRESS overnight (tablet died) get closed off
    res = execute("""
        UPDATE collection_schedules SET status = 'DONE', finished_at = started_at
         WHERE status = 'IN_PROGRESS' AND collection_date < :d
    """, {"d": today()})
    return res.rowcount


# ---------------------------------------------------------------------------
# fleet
# ---------------------------------------------------------------------------

def flag_vehicles_due_service():
    from wastecorp.services import operations
    due = operations.vehicles_due_service()
    if due:
        body = "\n".join("%s (%s): odo %s, next service %s, MOT %s" %
                         (v.registration, v.fleet_no, v.odometer_km, v.next_service_km,
                          v.mot_due) for v in due)
        send_email("workshop@wastecorp.example", "Vehicles due service/MOT", body)
    return len(due)


def purge_old_telematics(retention_days=None):
    retention_days = retention_days or Config.TELEMATICS_RETENTION_DAYS
    res = execute("DELETE FROM telematics_pings WHERE recorded_at < :cutoff",
                  {"cutoff": today() - dt.timedelta(days=retention_days)})
    return res.rowcount


def update_odometers_from_telematics():
    res = execute("""
        UPDATE vehicles v SET odometer_km = sub.odo
          FROM (SELECT vehicle_id, MAX(odometer_km) AS odo
                  FROM telematics_pings GROUP BY vehicle_id) sub
         WHERE sub.vehicle_id = v.id AND sub.odo > COALESCE(v.odometer_km, 0)
    """)
    return res.rowcount


# ---------------------------------------------------------------------------
# people
# ---------------------------------------------------------------------------

def check_driver_licences():
    from wastecorp.services import staff_service
    return staff_service.notify_expiring_licences()


# ---------------------------------------------------------------------------
# customers
# ---------------------------------------------------------------------------

def contract_expiry_reminders():
    from wastecorp.services import customer_service
    return customer_service.send_renewal_reminders()


def expire_lapsed_contracts():
    res = execute("""
        UPDATE contracts SET status = 'EXPIRED'
         WHERE status = 'ACTIVE' AND auto_renew = false AND end_date < :d
    """, {"d": today()})
    return res.rowcount


# ---------------------------------------------------------------------------
# bins
# ---------------------------------------------------------------------------

def low_stock_alerts():
    from wastecorp.services import container_service
    return sum(1 for depot in Config.DEPOTS if container_service.stock_alert(depot))


# ---------------------------------------------------------------------------
# recycling
# ---------------------------------------------------------------------------

def refresh_commodity_prices():
    resp = requests.get(LETSRECYCLE_FEED, timeout=30)
    resp.raise_for_status()
    rows = []
    for item in resp.json().get("prices", []):
        rows.append({"material_grade": item["grade"],
                     "price_per_tonne": item["mid"],
                     "currency": "GBP", "source": "LETSRECYCLE",
                     "effective_date": today()})
    db.session.execute(text("DELETE FROM commodity_prices WHERE effective_date = :d "
                            "AND source = 'LETSRECYCLE'"), {"d": today()})
    return bulk_insert("commodity_prices", rows)


# ---------------------------------------------------------------------------
# billing
# ---------------------------------------------------------------------------

def credit_control():
    from wastecorp.services import billing_service
    sent = billing_service.send_dunning_notices()
    stopped = billing_service.put_customers_on_stop()
    return {"dunning": sent, "on_stop": stopped}


def allocate_cash():
    from wastecorp.services import billing_service
    return billing_service.allocate_unapplied_payments()


def main():
    with JobLock("nightly"):
        run_step("cancel_stale_schedules", cancel_stale_schedules)
        run_step("sweep_missed_collections", sweep_missed_collections)
        run_step("roll_calendar_forward", roll_calendar_forward)
        run_step("update_odometers", update_odometers_from_telematics)
        run_step("purge_old_telematics", purge_old_telematics)
        run_step("vehicles_due_service", flag_vehicles_due_service)
        run_step("contract_expiry_reminders", contract_expiry_reminders)
        run_step("expire_lapsed_contracts", expire_lapsed_contracts)
        run_step("allocate_cash", allocate_cash)
        if is_working_day(today()):
            run_step("credit_control", credit_control)
            run_step("check_driver_licences", check_driver_licences)
            run_step("low_stock_alerts", low_stock_alerts)
            run_step("refresh_commodity_prices", refresh_commodity_prices)
