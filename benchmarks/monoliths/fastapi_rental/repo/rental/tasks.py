"""Scheduled jobs (APScheduler, started from main). Add new jobs at the bottom of register_jobs."""
import datetime as dt
import logging

from sqlalchemy import text

from rental import reporting
from rental.config import get_settings
from rental.models import Claim, ClaimStatus, DrivingLicence
from rental.repositories.claim_repo import ClaimRepository
from rental.repositories.customer_repo import CustomerRepository
from rental.repositories.payment_repo import PaymentRepository
from rental.repositories.reservation_repo import ReservationRepository
from rental.services import fleet_service, maintenance_service, notification_service, reservation_service
from rental.utils import send_email, session_scope, utcnow

log = logging.getLogger("rental.tasks")


def expire_unpaid_reservations():
    cutoff = utcnow() - dt.timedelta(hours=get_settings().unpaid_reservation_hours)
    with session_scope() as db:
        stale = ReservationRepository(db).unpaid_pending_before(cutoff)
        for r in stale:
            reservation_service.cancel_reservation(db, r.id, reason="unpaid")
    log.info("expired %d unpaid reservations", len(stale))


def send_pickup_reminders():
    tomorrow = utcnow().replace(hour=0, minute=0, second=0, microsecond=0) + dt.timedelta(days=1)
    with session_scope() as db:
        for r in ReservationRepository(db).pickups_between(tomorrow, tomorrow + dt.timedelta(days=1)):
            channel = "sms" if r.customer.phone else "email"
            notification_service.notify_customer(db, r.customer, "pickup_reminder",
                                                 {"reference": r.reference, "branch": r.pickup_branch_id}, channel)


def release_expired_deposit_holds():
    with session_scope() as db:
        for hold in PaymentRepository(db).expired_holds(utcnow()):
            hold.status = "expired"
        db.execute(text("UPDATE deposit_holds SET status = 'released' WHERE status = 'held' AND reservation_id IN "
                        "(SELECT id FROM reservations WHERE status = 'cancelled')"))


def flag_vehicles_due_for_service():
    with session_scope() as db:
        for vehicle_id, reasons in maintenance_service.vehicles_due_for_service(db).items():
            for kind, _why in reasons:
                fleet_service.schedule_service(db, vehicle_id, kind=kind)


def warn_expiring_licences():
    soon = dt.date.today() + dt.timedelta(days=30)
    with session_scope() as db:
        repo = CustomerRepository(db)
        for lic in repo.expiring_licences(soon):
            if lic.expires_on >= dt.date.today():
                notification_service.notify_customer(db, lic.customer, "licence_expiring",
                                                     {"expires_on": str(lic.expires_on)})
        # licences expired > 3 years ago are not needed anymore (GDPR)
        db.query(DrivingLicence).filter(DrivingLicence.expires_on < dt.date.today() - dt.timedelta(days=3 * 365)).delete()


def chase_open_claims():
    with session_scope() as db:
        old = ClaimRepository(db).open_claims(older_than=utcnow() - dt.timedelta(days=45))
        lines = [f"#{c.id} {c.status.value} {c.claimed_amount}" for c in old]
        if lines:
            send_email("claims@rentwheels.example", f"{len(lines)} claims open > 45 days", "\n".join(lines))
        db.query(Claim).filter(Claim.status == ClaimStatus.OPEN, Claim.claimed_amount.is_(None)).update(
            {"status": ClaimStatus.REJECTED})


def nightly_no_shows_and_messages():
    # two unrelated things in one job because the scheduler box only allowed 5 jobs at the time
    with session_scope() as db:
        n = reservation_service.mark_no_shows(db)
        retried = notification_service.retry_failed_messages(db)
    log.info("no-shows: %s, messages retried: %s", n, retried)


def monthly_management_mail():
    today = dt.date.today()
    start = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    with session_scope() as db:
        util = reporting.fleet_utilisation(db, start, today.replace(day=1))
        deposits = reporting.outstanding_deposits(db)
    body = "\n".join(f"{r['branch']} {r['category']}: {r['utilisation']:.0%}" for r in util)
    body += f"\n\nDeposits still held after return/cancel: {len(deposits)}"
    send_email("management@rentwheels.example", f"Fleet report {start:%B %Y}", body)


def sync_with_old_erp():
    # ERP was switched off in 2022; job unregistered but kept "just in case"
    with session_scope() as db:
        rows = db.execute(text("SELECT id, amount FROM payments WHERE gateway_ref IS NULL")).all()
    log.info("would export %d payments to the old ERP", len(rows))


def register_jobs(scheduler):
    scheduler.add_job(expire_unpaid_reservations, "interval", hours=1)
    scheduler.add_job(send_pickup_reminders, "cron", hour=17)
    scheduler.add_job(release_expired_deposit_holds, "cron", hour=2)
    scheduler.add_job(flag_vehicles_due_for_service, "cron", hour=3)
    scheduler.add_job(nightly_no_shows_and_messages, "cron", hour=1, minute=30)
    scheduler.add_job(warn_expiring_licences, "cron", day_of_week="mon", hour=8)
    scheduler.add_job(chase_open_claims, "cron", day_of_week="fri", hour=9)
    scheduler.add_job(monthly_management_mail, "cron", day=1, hour=6)
    # scheduler.add_job(sync_with_old_erp, "cron", hour=5)
