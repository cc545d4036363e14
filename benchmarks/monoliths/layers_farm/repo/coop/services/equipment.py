"""Machinery ring: bookings, check-out / check-in, servicing, operator certs."""
import logging
from datetime import datetime, timedelta

from coop.extensions import db_session
from coop.models import (EquipmentBooking, MaintenanceLog, Member,
                         OperatorCertification)
from coop.repositories.equipment import (BookingRepository, EquipmentRepository,
                                         MaintenanceRepository)
from coop.services import ConflictError, ServiceError, require
from coop.services.notifications import notify_booking_confirmed, send_sms
from coop.utils.dates import parse_date, today
from coop.utils.helpers import booking_ref
from coop.utils.money import D

log = logging.getLogger(__name__)

MAX_BOOKING_DAYS = {"combine": 5, "tractor": 7, "sprayer": 3, "grain_cart": 7, "drill": 5}
HARVEST_MONTHS = (8, 9, 10)


class RateCard(object):
    """Quoted price for a booking before it happens (members ask at the counter)."""

    HARVEST_UPLIFT = D("1.15")

    def __init__(self, equipment):
        self.equipment = equipment

    def estimate(self, start_at, end_at, est_hours=None):
        days = max(1, (end_at - start_at).days)
        if est_hours and self.equipment.hourly_rate:
            base = D(self.equipment.hourly_rate) * D(est_hours)
        else:
            base = D(self.equipment.daily_rate or 0) * days
        if start_at.month in HARVEST_MONTHS and self.equipment.equipment_class in ("combine", "grain_cart"):
            base = base * self.HARVEST_UPLIFT
        return base.quantize(D("0.01"))


def check_availability(equipment_id, start_at, end_at, exclude_booking_id=None):
    clashes = BookingRepository().overlapping(equipment_id, start_at, end_at, exclude_booking_id)
    return not clashes, clashes


def create_booking(member_id, equipment_code, start_at, end_at, field_id=None, user=None):
    from coop.services.membership import can_rent_equipment
    eq = EquipmentRepository().by_code(equipment_code)
    require(eq is not None, "unknown equipment %s" % equipment_code)
    require(eq.status not in ("maintenance", "retired"), "%s is not rentable" % eq.code)
    require(end_at > start_at, "end before start")
    max_days = MAX_BOOKING_DAYS.get(eq.equipment_class, 7)
    if (end_at - start_at) > timedelta(days=max_days):
        raise ServiceError("max booking for %s is %d days" % (eq.equipment_class, max_days))
    member = db_session.query(Member).get(member_id)
    ok, cert_or_reason = can_rent_equipment(member, eq.equipment_class, start_at.date())
    if not ok:
        raise ServiceError(cert_or_reason, code="NOT_ELIGIBLE")
    free, clashes = check_availability(eq.id, start_at, end_at)
    if not free:
        raise ConflictError("%s already booked (%s)" % (eq.code, ", ".join(c.ref for c in clashes)))
    booking = EquipmentBooking(ref=booking_ref(eq.code, start_at), equipment_id=eq.id,
                               member_id=member_id, field_id=field_id,
                               operator_cert_id=cert_or_reason.id, start_at=start_at,
                               end_at=end_at, status="confirmed", created_by=user)
    db_session.add(booking)
    db_session.flush()
    try:
        notify_booking_confirmed(booking)
    except Exception:
        log.exception("booking sms failed")
    return booking


def cancel_booking(booking_id, user=None, reason=None):
    b = BookingRepository().get(booking_id)
    require(b is not None, "no such booking")
    if b.status in ("out", "returned"):
        raise ConflictError("booking %s is %s" % (b.ref, b.status))
    b.status = "cancelled"
    b.updated_by = user
    b.damage_notes = (b.damage_notes or "") + ("\ncancelled: %s" % reason if reason else "")
    return b


def check_out(booking_id, hour_meter, user=None):
    b = BookingRepository().get(booking_id)
    require(b and b.status == "confirmed", "booking not confirmed")
    eq = b.equipment
    if eq.status == "out":
        raise ConflictError("%s is still out on another booking" % eq.code)
    b.checked_out_at = datetime.utcnow()
    b.hours_out = float(hour_meter)
    b.status = "out"
    eq.status = "out"
    eq.hour_meter = float(hour_meter)
    return b


def check_in(booking_id, hour_meter, fuel_full=True, damage_notes=None, user=None):
    b = BookingRepository().get(booking_id)
    require(b and b.status == "out", "booking not out")
    require(float(hour_meter) >= (b.hours_out or 0), "hour meter went backwards")
    b.checked_in_at = datetime.utcnow()
    b.hours_in = float(hour_meter)
    b.fuel_returned_full = bool(fuel_full)
    b.status = "returned"
    eq = b.equipment
    eq.hour_meter = float(hour_meter)
    eq.status = "available"
    if damage_notes:
        b.damage_notes = damage_notes
        schedule_maintenance(eq.id, "repair", damage_notes, caused_by_booking_id=b.id)
    elif eq.hour_meter - (eq.last_service_hours or 0) >= eq.service_interval_h:
        schedule_maintenance(eq.id, "service", "%dh service due" % eq.service_interval_h)
    return b


def schedule_maintenance(equipment_id, work_type, description, when=None, caused_by_booking_id=None):
    eq = EquipmentRepository().get(equipment_id)
    job = MaintenanceLog(equipment_id=eq.id, work_type=work_type, description=description,
                         scheduled_for=parse_date(when) or today(), hour_meter=eq.hour_meter,
                         caused_by_booking_id=caused_by_booking_id)
    db_session.add(job)
    if work_type == "repair":
        eq.status = "maintenance"
    return job


def complete_maintenance(job_id, parts_cost=0, labour_cost=0, vendor=None):
    job = db_session.query(MaintenanceLog).get(job_id)
    require(job is not None and job.completed_on is None, "job not open")
    job.completed_on = today()
    job.parts_cost = D(parts_cost)
    job.labour_cost = D(labour_cost)
    job.vendor = vendor
    eq = job.equipment
    if job.work_type == "service":
        eq.last_service_hours = eq.hour_meter
    if not MaintenanceRepository().open_jobs(eq.id):
        eq.status = "available"
    return job


def certify_operator(member_id, equipment_class, operator_name=None, valid_years=3, by=None):
    cert = OperatorCertification(member_id=member_id, equipment_class=equipment_class,
                                 operator_name=operator_name, certified_on=today(),
                                 expires_on=today().replace(year=today().year + valid_years),
                                 certified_by=by)
    db_session.add(cert)
    return cert


def flag_overdue_returns(now=None):
    now = now or datetime.utcnow()
    n = 0
    for b in BookingRepository().overdue(now):
        hours_late = (now - b.end_at).total_seconds() / 3600
        if hours_late > 2:
            send_sms(b.member.phone, "PVG Coop: %s was due back %s. Late fees apply."
                     % (b.equipment.description, b.end_at.strftime("%d %b %H:%M")))
            n += 1
    return n


def utilisation(equipment_id, days=30):
    since = datetime.utcnow() - timedelta(days=days)
    bookings = (db_session.query(EquipmentBooking)
                .filter(EquipmentBooking.equipment_id == equipment_id,
                        EquipmentBooking.checked_out_at >= since).all())
    hours = sum((b.hours_in or 0) - (b.hours_out or 0) for b in bookings if b.hours_in)
    return {"bookings": len(bookings), "engine_hours": round(hours, 1)}
