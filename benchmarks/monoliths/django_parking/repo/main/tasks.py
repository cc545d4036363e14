import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from main.models import CarPark, OccupancySnapshot, ParkingSession, PenaltyNotice, Permit, SensorReading
from shared.db import advisory_lock
from shared.notifications import notify_permit_expiry, notify_session_expiring

log = logging.getLogger(__name__)


@shared_task
def expire_sessions():
    now = timezone.now()
    n = (ParkingSession.objects.filter(status="active", expires_at__lte=now, ended_at__isnull=True)
         .update(status="expired"))
    if n:
        log.info("expired %d sessions", n)
    return n


@shared_task
def send_session_expiry_reminders():
    soon = timezone.now() + timedelta(minutes=settings.SESSION_REMINDER_MINUTES)
    qs = (ParkingSession.active.filter(expires_at__lte=soon, reminder_sent=False, customer__isnull=False)
          .select_related("customer", "location"))
    sent = 0
    for session in qs:
        notify_session_expiring(session)
        session.reminder_sent = True
        session.save(update_fields=["reminder_sent"])
        sent += 1
    return sent


@shared_task
def snapshot_occupancy():
    now = timezone.now()
    carparks = CarPark.objects.filter(has_sensors=True).annotate(
        occ=Count("bays", filter=Q(bays__is_occupied=True)))
    OccupancySnapshot.objects.bulk_create([
        OccupancySnapshot(carpark=cp, taken_at=now, occupied=cp.occ, capacity=cp.capacity)
        for cp in carparks])


@shared_task
def purge_old_sensor_readings():
    cutoff = timezone.now() - timedelta(days=settings.SENSOR_READING_RETENTION_DAYS)
    deleted, _ = SensorReading.objects.filter(recorded_at__lt=cutoff).delete()
    log.info("purged %s sensor readings", deleted)


@shared_task
def permit_renewal_reminders():
    in_a_month = timezone.localdate() + timedelta(days=30)
    for permit in Permit.objects.filter(status="active", valid_to__lte=in_a_month,
                                        renewal_reminder_sent=False).select_related("customer"):
        prefs = getattr(permit.customer, "notification_prefs", None)
        if prefs is not None and not prefs.email_permit_reminders:
            continue
        notify_permit_expiry(permit)
        permit.renewal_reminder_sent = True
        permit.save(update_fields=["renewal_reminder_sent"])


@shared_task
def expire_permits():
    today = timezone.localdate()
    return Permit.objects.filter(status="active", valid_to__lt=today).update(status="expired")


@shared_task
def escalate_unpaid_pcns():
    """issued -> nto after 28 days (DVLA lookup), nto -> charge_cert after 56."""
    from legacy.dvla import request_keeper_details

    with advisory_lock("escalate_unpaid_pcns") as got_it:
        if not got_it:
            return
        today = timezone.localdate()
        for pcn in PenaltyNotice.objects.filter(status="issued",
                                                issued_at__date__lte=today - timedelta(days=28)):
            request_keeper_details(pcn)
            pcn.status = "nto"
            pcn.save(update_fields=["status", "updated_at"])
        PenaltyNotice.objects.filter(
            status="nto",
            issued_at__date__lte=today - timedelta(days=settings.PCN_CHARGE_CERT_DAYS),
        ).update(status="charge_cert")
