"""Business logic for CarShare.

This started as "the service layer" in 2019 and everything ended up here.
Rough map (sections are NOT strictly respected):

    members / licences ............ top
    vehicles / maintenance ........ after members
    reservations .................. middle
    trips ......................... middle
    invoices / payments ........... further down (pricing engine is in pricing.py)
    zones ......................... "zones" section
    damage / incidents / fines .... bottom (added 2020)

If you add something, please put it in the right section at least.
"""
import json
import logging
import datetime as dt

from flask import current_app
from sqlalchemy import and_, exists, func, not_, or_, select

from carshare import queries as Q
from carshare import tables as T
from carshare import pricing
from carshare import licence_api
from carshare import payments_gateway
from carshare.auth import hash_password
from carshare.db import engine_conn, execute, fetch_all, fetch_one, fetch_scalar, get_cursor
from carshare.errors import (LicenceNotValid, NotFound, OutsideParkingZone, PaymentDeclined,
                             PermissionDenied, ReservationConflict, ValidationError)
from carshare.lib import mailer
from carshare.lib.dates import add_days, add_minutes, minutes_between, overlaps, today, utcnow
from carshare.lib.formatting import format_licence_number, normalise_plate, to_json
from carshare.lib.geo import haversine_km, point_in_polygon, valid_coordinate
from carshare.lib.money import format_money, split_gross, vat_on

log = logging.getLogger(__name__)

MIN_DRIVER_AGE = 21
MAX_DAMAGE_EXCESS_PENCE = 25000
FINE_ADMIN_FEE_PENCE = 2500


def _one(sql, params, what="record"):
    row = fetch_one(sql, params)
    if row is None:
        raise NotFound("%s not found" % what)
    return row


def _cfg(key, default=None):
    try:
        return current_app.config.get(key, default)
    except RuntimeError:
        # outside app context (some scripts)
        return default


# ===========================================================================
# members / licences
# ===========================================================================

def _age_on(dob, on_date):
    if dob is None:
        return None
    years = on_date.year - dob.year
    if (on_date.month, on_date.day) < (dob.month, dob.day):
        years -= 1
    return years


def register_member(email, password, first_name, last_name, phone=None, dob=None,
                    home_zone_id=None, ip_address=None, marketing=False):
    email = (email or "").strip().lower()
    if not email or "@" not in email:
        raise ValidationError("invalid email")
    if fetch_one(Q.MEMBER_BY_EMAIL, (email,)):
        raise ValidationError("email already registered")
    age = _age_on(dob, today())
    if age is not None and age < MIN_DRIVER_AGE:
        raise ValidationError("members must be at least %d" % MIN_DRIVER_AGE)
    with get_cursor(commit=True) as cur:
        cur.execute(Q.INSERT_MEMBER, (email, hash_password(password), first_name, last_name,
                                      phone, dob, home_zone_id))
        member_id = cur.fetchone()["id"]
        cur.execute(Q.INSERT_CONSENT, (member_id, "terms", True, ip_address))
        cur.execute(Q.INSERT_CONSENT, (member_id, "marketing", bool(marketing), ip_address))
    log.info("registered member %s", member_id)
    return member_id


def get_member(member_id):
    return _one(Q.MEMBER_BY_ID, (member_id,), "member")


def get_member_by_email(email):
    return fetch_one(Q.MEMBER_BY_EMAIL, (email,))


def update_member_profile(member_id, first_name=None, last_name=None, phone=None, home_zone_id=None):
    m = get_member(member_id)
    execute(Q.UPDATE_MEMBER_PROFILE, (
        first_name or m["first_name"], last_name or m["last_name"],
        phone if phone is not None else m["phone"],
        home_zone_id if home_zone_id is not None else m["home_zone_id"],
        member_id,
    ))


def get_latest_licence(member_id):
    return fetch_one(Q.LATEST_LICENCE_FOR_MEMBER, (member_id,))


def submit_licence(member_id, licence_number, country="GB", category="B", issued_on=None, expires_on=None,
                   auto_verify=True):
    licence_number = format_licence_number(licence_number)
    if expires_on and expires_on < today():
        raise ValidationError("licence has expired")
    row = execute(Q.INSERT_LICENCE, (member_id, licence_number, country, category, issued_on, expires_on),
                  returning=True)
    licence_id = row["id"]
    if auto_verify and country == "GB":
        try:
            verify_licence(licence_id)
        except Exception:  # noqa - provider flakiness, ops will pick it up in the queue
            log.exception("auto verification failed for licence %s", licence_id)
    return licence_id


def record_licence_check(licence_id, provider, result, points=None, raw=None):
    execute(Q.INSERT_LICENCE_CHECK, (licence_id, provider, result, points,
                                     raw if isinstance(raw, str) else to_json(raw)))


def verify_licence(licence_id):
    """Ask the licence provider and update licence + member status."""
    lic = _one(Q.LICENCE_BY_ID, (licence_id,), "licence")
    outcome = licence_api.check_licence(lic["licence_number"], lic["country"])
    record_licence_check(licence_id, outcome.provider, outcome.result, outcome.points, outcome.raw)

    max_points = _cfg("MAX_LICENCE_POINTS", 6)
    member = get_member(lic["member_id"])
    if outcome.result == "ok" or (outcome.result == "points" and (outcome.points or 0) <= max_points):
        execute(Q.UPDATE_LICENCE_STATUS, ("verified", outcome.points, None, "verified", licence_id))
        if member["status"] == "pending":
            execute(Q.UPDATE_MEMBER_STATUS, ("active", None, member["id"]))
        return True
    if outcome.result == "error":
        # leave as submitted, manual queue
        return None
    reason = {
        "points": "too many penalty points (%s)" % outcome.points,
        "disqualified": "licence holder is disqualified",
        "not_found": "licence number not found",
    }.get(outcome.result, outcome.result)
    reject_licence(licence_id, reason)
    return False


def approve_licence_manually(licence_id, admin_id, points=None):
    lic = _one(Q.LICENCE_BY_ID, (licence_id,), "licence")
    record_licence_check(licence_id, "manual:%s" % admin_id, "ok", points, None)
    execute(Q.UPDATE_LICENCE_STATUS, ("verified", points, None, "verified", licence_id))
    member = get_member(lic["member_id"])
    if member["status"] == "pending":
        execute(Q.UPDATE_MEMBER_STATUS, ("active", None, member["id"]))


def reject_licence(licence_id, reason, notify=True):
    lic = _one(Q.LICENCE_BY_ID, (licence_id,), "licence")
    execute(Q.UPDATE_LICENCE_STATUS, ("rejected", None, reason, "rejected", licence_id))
    if notify:
        mailer.send_licence_rejected(get_member(lic["member_id"]), reason)


def expire_licences(as_of=None):
    as_of = as_of or today()
    with get_cursor(commit=True) as cur:
        cur.execute(Q.LICENCES_EXPIRING, (as_of,))
        rows = cur.fetchall()
    return [r["member_id"] for r in rows]


def member_can_drive(member_id, at=None):
    """(ok, reason). Used by reservations AND trip start."""
    at = at or utcnow()
    member = fetch_one(Q.MEMBER_BY_ID, (member_id,))
    if member is None:
        return False, "unknown member"
    if member["status"] != "active":
        return False, "account is %s" % member["status"]
    lic = get_latest_licence(member_id)
    if lic is None or lic["status"] != "verified":
        return False, "driving licence not verified"
    if lic["expires_on"] and lic["expires_on"] < at.date():
        return False, "driving licence expired"
    if (lic["points"] or 0) > _cfg("MAX_LICENCE_POINTS", 6):
        return False, "too many penalty points"
    if member_has_overdue_invoices(member_id):
        return False, "you have overdue invoices"
    return True, None


def require_driver(member_id, at=None):
    ok, reason = member_can_drive(member_id, at)
    if not ok:
        raise LicenceNotValid(reason)


def suspend_member(member_id, reason, notify=True, cancel_bookings=True):
    execute(Q.UPDATE_MEMBER_STATUS, ("suspended", reason, member_id))
    if cancel_bookings:
        for r in member_reservations(member_id):
            if r["status"] in ("confirmed", "pending") and r["starts_at"] > utcnow():
                cancel_reservation(r["id"], by="ops", reason="member suspended: %s" % reason, charge=False)
    if notify:
        mailer.send_account_suspended(get_member(member_id), reason)


def reinstate_member(member_id):
    execute(Q.UPDATE_MEMBER_STATUS, ("active", None, member_id))


def record_consent(member_id, consent_type, granted, ip_address=None):
    if consent_type not in ("terms", "marketing", "telematics"):
        raise ValidationError("unknown consent %s" % consent_type)
    execute(Q.INSERT_CONSENT, (member_id, consent_type, granted, ip_address))


def member_consents(member_id):
    return {r["consent_type"]: r["granted"] for r in fetch_all(Q.LATEST_CONSENTS, (member_id,))}


def upload_member_document(member_id, doc_type, storage_key):
    row = execute(Q.INSERT_MEMBER_DOCUMENT, (member_id, doc_type, storage_key), returning=True)
    return row["id"]


def list_pending_verification():
    return fetch_all(Q.PENDING_VERIFICATION)


def anonymise_member(member_id):
    """GDPR erasure. Keeps invoices (legal requirement), kills PII."""
    if active_trip_for_member(member_id):
        raise ValidationError("member has an active trip")
    open_invoices = [i for i in member_invoices(member_id) if i["status"] in ("open", "overdue")]
    if open_invoices:
        raise ValidationError("member has %d unpaid invoices" % len(open_invoices))
    detach_payment_methods(member_id)
    execute(Q.ANONYMISE_MEMBER, (member_id,))
    log.warning("member %s anonymised", member_id)


# ===========================================================================
# vehicles / maintenance
# ===========================================================================

def get_vehicle(vehicle_id):
    return _one(Q.VEHICLE_BY_ID, (vehicle_id,), "vehicle")


def get_vehicle_by_plate(plate):
    return fetch_one(Q.VEHICLE_BY_PLATE, (normalise_plate(plate),))


def list_vehicles(status=None, zone_id=None):
    rows = fetch_all(Q.LIST_VEHICLES)
    if status:
        rows = [r for r in rows if r["status"] == status]
    if zone_id:
        rows = [r for r in rows if r["current_zone_id"] == int(zone_id)]
    return rows


def add_vehicle(model_id, plate, vin=None, colour=None, home_zone_id=None, telematics_unit_id=None,
                commissioned_on=None):
    model = _one(Q.MODEL_BY_ID, (model_id,), "vehicle model")
    plate = normalise_plate(plate)
    if get_vehicle_by_plate(plate):
        raise ValidationError("plate %s already in fleet" % plate)
    commissioned_on = commissioned_on or today()
    with get_cursor(commit=True) as cur:
        cur.execute(Q.INSERT_VEHICLE, (model_id, plate, vin, colour, home_zone_id, home_zone_id,
                                       telematics_unit_id, commissioned_on))
        vehicle_id = cur.fetchone()["id"]
        cur.execute(Q.UPSERT_SERVICE_SCHEDULE, (
            vehicle_id, 0, commissioned_on, model["service_interval_km"],
            add_days(commissioned_on, model["service_interval_days"]),
        ))
    return vehicle_id


def set_vehicle_status(vehicle_id, status):
    if status not in ("available", "reserved", "in_trip", "maintenance", "retired"):
        raise ValidationError("bad status %s" % status)
    execute(Q.UPDATE_VEHICLE_STATUS, (status, vehicle_id))


def update_vehicle_position(vehicle_id, odometer_km, fuel_level, lat, lng, zone_id=None):
    execute(Q.UPDATE_VEHICLE_POSITION, (odometer_km or 0, fuel_level, lat, lng, zone_id, vehicle_id))


def schedule_maintenance(vehicle_id, job_type, scheduled_for, garage=None, damage_report_id=None,
                         notes=None, take_off_road=True):
    vehicle = get_vehicle(vehicle_id)
    if vehicle["status"] == "retired":
        raise ValidationError("vehicle is retired")
    row = execute(Q.INSERT_MAINTENANCE_JOB, (vehicle_id, job_type, scheduled_for, garage,
                                             damage_report_id, notes), returning=True)
    job_id = row["id"]
    if take_off_road:
        # anything booked on the car from the workshop slot onwards has to go
        bump_reservations_for_vehicle(vehicle_id, scheduled_for, "vehicle booked for %s" % job_type)
        if scheduled_for <= add_minutes(utcnow(), 60) and vehicle["status"] != "in_trip":
            set_vehicle_status(vehicle_id, "maintenance")
    if garage and "@" in garage:
        mailer.notify_garage(garage, vehicle, {"job_type": job_type, "scheduled_for": scheduled_for})
    return job_id


def reset_service_schedule(vehicle_id, odometer_km, on_date=None):
    vehicle = get_vehicle(vehicle_id)
    model = _one(Q.MODEL_BY_ID, (vehicle["model_id"],), "vehicle model")
    on_date = on_date or today()
    execute(Q.UPSERT_SERVICE_SCHEDULE, (
        vehicle_id, odometer_km, on_date,
        odometer_km + model["service_interval_km"],
        add_days(on_date, model["service_interval_days"]),
    ))


def complete_maintenance(job_id, cost_pence=None, notes=None):
    job = _one(Q.MAINTENANCE_JOB_BY_ID, (job_id,), "maintenance job")
    execute(Q.COMPLETE_MAINTENANCE_JOB, (cost_pence, notes, job_id))
    vehicle = get_vehicle(job["vehicle_id"])
    if job["job_type"] == "service":
        reset_service_schedule(vehicle["id"], vehicle["odometer_km"])
    if job["damage_report_id"]:
        mark_damage_repaired(job["damage_report_id"])
    still_open = [j for j in fetch_all(Q.OPEN_MAINTENANCE_FOR_VEHICLE, (vehicle["id"],)) if j["id"] != job_id]
    if not still_open and vehicle["status"] == "maintenance":
        set_vehicle_status(vehicle["id"], "available")


def vehicles_due_service(warning_km=None, within_days=14):
    warning_km = warning_km if warning_km is not None else _cfg("SERVICE_WARNING_KM", 500)
    return fetch_all(Q.VEHICLES_DUE_SERVICE, (warning_km, add_days(today(), within_days)))


def record_inspection(vehicle_id, inspector, result, checklist=None, mot_expires_on=None):
    if result not in ("pass", "advisory", "fail"):
        raise ValidationError("bad inspection result")
    row = execute(Q.INSERT_INSPECTION, (vehicle_id, inspector, result, json.dumps(checklist or {}),
                                        mot_expires_on), returning=True)
    if result == "fail":
        schedule_maintenance(vehicle_id, "repair", utcnow(), notes="failed inspection #%s" % row["id"])
    return row["id"]


def retire_vehicle(vehicle_id, on_date=None):
    if fetch_one(Q.ACTIVE_TRIP_FOR_VEHICLE, (vehicle_id,)):
        raise ValidationError("vehicle is on a trip")
    bump_reservations_for_vehicle(vehicle_id, utcnow(), "vehicle retired")
    execute(Q.RETIRE_VEHICLE, (on_date or today(), vehicle_id))


def vehicle_history(vehicle_id):
    """Everything that happened to a car - used on the fleet detail page."""
    return {
        "vehicle": get_vehicle(vehicle_id),
        "maintenance": fetch_all("SELECT * FROM maintenance_jobs WHERE vehicle_id = %s ORDER BY scheduled_for DESC",
                                 (vehicle_id,)),
        "inspection": fetch_one(Q.LATEST_INSPECTION, (vehicle_id,)),
        "damage": fetch_all(Q.OPEN_DAMAGE_FOR_VEHICLE, (vehicle_id,)),
        "service": fetch_one(Q.SERVICE_SCHEDULE_FOR_VEHICLE, (vehicle_id,)),
        "trips_30d": fetch_scalar(
            "SELECT count(*) FROM trips WHERE vehicle_id = %s AND started_at > %s",
            (vehicle_id, add_days(utcnow(), -30)), 0),
    }


# ===========================================================================
# reservations
# ===========================================================================

def _check_window(starts_at, ends_at):
    if ends_at <= starts_at:
        raise ValidationError("end must be after start")
    if starts_at < add_minutes(utcnow(), -5):
        raise ValidationError("cannot book in the past")
    max_days = _cfg("RESERVATION_MAX_DAYS", 14)
    if (ends_at - starts_at).days >= max_days:
        raise ValidationError("bookings are limited to %d days" % max_days)


def find_available_vehicles(zone_id, starts_at, ends_at, category=None):
    v, vm, r = T.vehicles, T.vehicle_models, T.reservations
    clash = exists().where(and_(
        r.c.vehicle_id == v.c.id,
        r.c.status.in_(["pending", "confirmed", "active"]),
        r.c.starts_at < ends_at,
        r.c.ends_at > starts_at,
    ))
    q = (select([v.c.id, v.c.plate, v.c.fuel_level, vm.c.make, vm.c.model, vm.c.category, vm.c.seats])
         .select_from(v.join(vm, vm.c.id == v.c.model_id))
         .where(and_(v.c.current_zone_id == zone_id,
                     v.c.status.in_(["available", "reserved"]),
                     not_(clash)))
         .order_by(v.c.fuel_level.desc()))
    if category:
        q = q.where(vm.c.category == category)
    with engine_conn() as conn:
        return [dict(row) for row in conn.execute(q)]


def _old_find_available(zone_id, starts_at, ends_at):
    # pre-2021 version, kept because the partner API still calls it (does it? - SM)
    rows = fetch_all(
        "SELECT v.* FROM vehicles v WHERE v.home_zone_id = %s AND v.status = 'available'", (zone_id,))
    out = []
    for row in rows:
        if not fetch_all(Q.OVERLAPPING_RESERVATIONS, (row["id"], ends_at, starts_at, None)):
            out.append(row)
    return out


def get_reservation(reservation_id):
    return _one(Q.RESERVATION_BY_ID, (reservation_id,), "reservation")


def member_reservations(member_id):
    return fetch_all(Q.MEMBER_RESERVATIONS, (member_id,))


def create_reservation(member_id, vehicle_id, starts_at, ends_at, notify=True):
    _check_window(starts_at, ends_at)
    require_driver(member_id, starts_at)
    vehicle = get_vehicle(vehicle_id)
    if vehicle["status"] in ("maintenance", "retired"):
        raise ReservationConflict("vehicle is not available")
    if fetch_all(Q.OVERLAPPING_RESERVATIONS, (vehicle_id, ends_at, starts_at, None)):
        raise ReservationConflict("vehicle already booked for that time")
    tariff = pricing.get_active_tariff(vehicle["category"], starts_at.date())
    with get_cursor(commit=True) as cur:
        cur.execute(Q.INSERT_RESERVATION, (member_id, vehicle_id, vehicle["current_zone_id"],
                                           tariff["id"] if tariff else None, starts_at, ends_at))
        reservation_id = cur.fetchone()["id"]
    if starts_at <= add_minutes(utcnow(), 30) and vehicle["status"] == "available":
        set_vehicle_status(vehicle_id, "reserved")
    if notify:
        zone = get_zone(vehicle["current_zone_id"]) if vehicle["current_zone_id"] else None
        mailer.send_reservation_confirmation(get_member(member_id), get_reservation(reservation_id),
                                             vehicle, zone["name"] if zone else None)
    return reservation_id


def cancel_reservation(reservation_id, by="member", reason=None, charge=True):
    res = get_reservation(reservation_id)
    if res["status"] not in ("pending", "confirmed"):
        raise ValidationError("reservation cannot be cancelled (%s)" % res["status"])
    fee = 0
    if charge and by == "member":
        fee = pricing.cancellation_fee(res, utcnow())
    with get_cursor(commit=True) as cur:
        cur.execute(Q.UPDATE_RESERVATION_STATUS, ("cancelled", reservation_id))
        cur.execute(Q.INSERT_RESERVATION_CANCELLATION, (reservation_id, by, reason, fee))
    vehicle = get_vehicle(res["vehicle_id"])
    if vehicle["status"] == "reserved":
        set_vehicle_status(vehicle["id"], "available")
    if fee:
        charge_cancellation_fee(res["member_id"], reservation_id, fee)
    if res["zone_id"]:
        promote_waitlist(res["zone_id"], res["starts_at"], res["ends_at"])
    return fee


def extend_reservation(reservation_id, new_ends_at):
    res = get_reservation(reservation_id)
    if res["status"] not in ("confirmed", "active"):
        raise ValidationError("can only extend confirmed or active bookings")
    if new_ends_at <= res["ends_at"]:
        raise ValidationError("new end must be later")
    clash = fetch_all(Q.OVERLAPPING_RESERVATIONS, (res["vehicle_id"], new_ends_at, res["ends_at"], reservation_id))
    approved = not clash
    with get_cursor(commit=True) as cur:
        cur.execute(Q.INSERT_RESERVATION_EXTENSION, (reservation_id, res["ends_at"], new_ends_at, approved))
        if approved:
            cur.execute(Q.UPDATE_RESERVATION_END, (new_ends_at, reservation_id))
    if not approved:
        raise ReservationConflict("someone else has booked this car after you")
    return True


def expire_stale_reservations(now=None):
    """Confirmed bookings nobody picked up -> no_show (with fee)."""
    now = now or utcnow()
    grace = _cfg("RESERVATION_GRACE_MINUTES", 15)
    rows = fetch_all(Q.STALE_RESERVATIONS, (add_minutes(now, -grace),))
    expired = []
    for r in rows:
        res = get_reservation(r["id"])
        fee = pricing.no_show_fee(res)
        with get_cursor(commit=True) as cur:
            cur.execute(Q.UPDATE_RESERVATION_STATUS, ("no_show", r["id"]))
            cur.execute(Q.INSERT_RESERVATION_CANCELLATION, (r["id"], "system", "no show", fee))
        set_vehicle_status(r["vehicle_id"], "available")
        if fee:
            charge_cancellation_fee(r["member_id"], r["id"], fee, label="No-show fee")
        expired.append(r["id"])
    return expired


def bump_reservations_for_vehicle(vehicle_id, from_time, reason):
    """Cancel upcoming bookings on a car that is going off the road; try to
    move each one to another car in the same zone first."""
    moved, cancelled = [], []
    for r in fetch_all(Q.UPCOMING_RESERVATIONS_FOR_VEHICLE, (vehicle_id, from_time)):
        res = get_reservation(r["id"])
        alternatives = [v for v in find_available_vehicles(res["zone_id"], res["starts_at"], res["ends_at"])
                        if v["id"] != vehicle_id] if res["zone_id"] else []
        if alternatives:
            execute("UPDATE reservations SET vehicle_id = %s, updated_at = now() WHERE id = %s",
                    (alternatives[0]["id"], res["id"]))
            moved.append(res["id"])
        else:
            cancel_reservation(res["id"], by="ops", reason=reason, charge=False)
            cancelled.append(res["id"])
    return moved, cancelled


def add_to_waitlist(member_id, zone_id, wanted_from, wanted_to, category=None):
    _check_window(wanted_from, wanted_to)
    row = execute(Q.INSERT_WAITLIST, (member_id, zone_id, category, wanted_from, wanted_to), returning=True)
    return row["id"]


def promote_waitlist(zone_id, starts_at, ends_at):
    """Something freed up in a zone - tell the first person waiting."""
    w = T.waitlist_entries
    q = (select([w]).where(and_(w.c.zone_id == zone_id, w.c.status == "waiting",
                                w.c.wanted_from < ends_at, w.c.wanted_to > starts_at))
         .order_by(w.c.created_at).limit(1))
    with engine_conn() as conn:
        entry = conn.execute(q).first()
        if entry is None:
            return None
        conn.execute(w.update().where(w.c.id == entry["id"]).values(status="notified", notified_at=utcnow()))
    zone = get_zone(zone_id)
    mailer.send_waitlist_available(get_member(entry["member_id"]), zone["name"], entry["wanted_from"])
    return entry["id"]


def lapse_waitlist(now=None):
    w = T.waitlist_entries
    with engine_conn() as conn:
        res = conn.execute(w.update().where(and_(w.c.status.in_(["waiting", "notified"]),
                                                 w.c.wanted_from < (now or utcnow())))
                           .values(status="lapsed"))
        return res.rowcount


# ===========================================================================
# trips
# ===========================================================================

def get_trip(trip_id):
    return _one(Q.TRIP_BY_ID, (trip_id,), "trip")


def active_trip_for_member(member_id):
    return fetch_one(Q.ACTIVE_TRIP_FOR_MEMBER, (member_id,))


def member_trips(member_id):
    return fetch_all(Q.MEMBER_TRIPS, (member_id,))


def start_trip(reservation_id, member_id, lat=None, lng=None, now=None):
    now = now or utcnow()
    res = get_reservation(reservation_id)
    if res["member_id"] != member_id:
        raise PermissionDenied("not your reservation")
    if res["status"] != "confirmed":
        raise ValidationError("reservation is %s" % res["status"])
    grace = _cfg("RESERVATION_GRACE_MINUTES", 15)
    if now < add_minutes(res["starts_at"], -grace) or now > res["ends_at"]:
        raise ValidationError("outside your booking window")
    require_driver(member_id, now)
    if active_trip_for_member(member_id):
        raise ValidationError("you already have a trip running")
    vehicle = get_vehicle(res["vehicle_id"])
    if vehicle["status"] not in ("available", "reserved"):
        raise ValidationError("vehicle is %s" % vehicle["status"])
    with get_cursor(commit=True) as cur:
        cur.execute(Q.INSERT_TRIP, (reservation_id, member_id, vehicle["id"], now, vehicle["odometer_km"],
                                    lat or vehicle["last_lat"], lng or vehicle["last_lng"]))
        trip_id = cur.fetchone()["id"]
        cur.execute(Q.UPDATE_RESERVATION_STATUS, ("active", reservation_id))
    set_vehicle_status(vehicle["id"], "in_trip")
    return trip_id


def end_trip(trip_id, lat, lng, odometer_km, fuel_level=None, ended_at=None, force=False):
    ended_at = ended_at or utcnow()
    trip = get_trip(trip_id)
    if trip["status"] != "active":
        raise ValidationError("trip already ended")
    if not valid_coordinate(lat, lng):
        raise ValidationError("bad position")
    zone = zone_for_point(lat, lng)
    if not force:
        if zone is None:
            raise OutsideParkingZone("please park inside a CarShare zone")
        if not is_parking_allowed(zone["id"], ended_at, action="end"):
            raise OutsideParkingZone("%s does not allow ending trips right now" % zone["name"])
    start_km = trip["start_odometer_km"] or 0
    distance = max(0, (odometer_km or start_km) - start_km)
    with get_cursor(commit=True) as cur:
        cur.execute(Q.END_TRIP, (ended_at, odometer_km, lat, lng, zone["id"] if zone else None, distance, trip_id))
        if trip["reservation_id"]:
            cur.execute(Q.UPDATE_RESERVATION_STATUS, ("completed", trip["reservation_id"]))
    update_vehicle_position(trip["vehicle_id"], odometer_km, fuel_level, lat, lng, zone["id"] if zone else None)
    set_vehicle_status(trip["vehicle_id"], "available")
    invoice_id = create_invoice_for_trip(trip_id)
    try:
        charge_invoice(invoice_id)
    except PaymentDeclined:
        log.warning("payment declined for trip %s invoice %s", trip_id, invoice_id)
    return invoice_id


def record_trip_event(trip_id, event_type, occurred_at, payload=None):
    execute(Q.INSERT_TRIP_EVENT, (trip_id, event_type, occurred_at, to_json(payload) if payload else None))


def trip_events(trip_id):
    return fetch_all(Q.TRIP_EVENTS, (trip_id,))


def trip_at_time(vehicle_id, when):
    """Who had the car at that moment? (fines, damage found later, ...)"""
    return fetch_one(Q.TRIP_AT_TIME_FOR_VEHICLE, (vehicle_id, when, when))


def log_fuel(trip_id, member_id, amount_pence, litres=None, kwh=None, station=None, receipt_key=None):
    trip = get_trip(trip_id)
    if trip["member_id"] != member_id:
        raise PermissionDenied("not your trip")
    if amount_pence <= 0 or amount_pence > 20000:
        raise ValidationError("amount looks wrong")
    row = execute(Q.INSERT_FUEL_LOG, (trip_id, trip["vehicle_id"], member_id, litres, kwh, amount_pence,
                                      station, receipt_key), returning=True)
    return row["id"]


def unreimbursed_fuel(trip_id):
    return fetch_all(Q.UNREIMBURSED_FUEL_FOR_TRIP, (trip_id,))


def mark_fuel_reimbursed(fuel_log_id):
    execute(Q.MARK_FUEL_REIMBURSED, (fuel_log_id,))


def dispute_trip(trip_id, member_id, reason):
    trip = get_trip(trip_id)
    if trip["member_id"] != member_id:
        raise PermissionDenied("not your trip")
    execute("UPDATE trips SET status = 'disputed' WHERE id = %s", (trip_id,))
    # support code lives in the blueprint, sorry
    from carshare.blueprints.support.routes import create_ticket
    return create_ticket(member_id, "Trip #%s disputed" % trip_id, reason, category="billing",
                         trip_id=trip_id, priority="high")


# ===========================================================================
# invoices / payments
# ===========================================================================

def _new_invoice(member_id, trip_id=None):
    with get_cursor(commit=True) as cur:
        cur.execute(Q.NEXT_INVOICE_SEQ)
        seq = cur.fetchone()["nextval"]
        number = "%s%07d" % (_cfg("INVOICE_PREFIX", "CS"), seq)
        cur.execute(Q.INSERT_INVOICE, (seq, member_id, trip_id, number, _cfg("CURRENCY", "GBP")))
        return cur.fetchone()["id"]


def get_invoice(invoice_id):
    return _one(Q.INVOICE_BY_ID, (invoice_id,), "invoice")


def invoice_lines(invoice_id):
    return fetch_all(Q.INVOICE_LINES, (invoice_id,))


def member_invoices(member_id):
    return fetch_all(Q.MEMBER_INVOICES, (member_id,))


def add_invoice_line(invoice_id, line_type, description, unit_pence, quantity=1):
    amount = int(round(unit_pence * quantity))
    execute(Q.INSERT_INVOICE_LINE, (invoice_id, line_type, description, quantity, unit_pence, amount))
    return amount


def recalc_invoice_totals(invoice_id):
    """Prices are VAT inclusive (B2C) so we back the VAT out of the gross."""
    gross = sum(l["amount_pence"] for l in invoice_lines(invoice_id))
    gross = max(gross, 0)
    net, vat = split_gross(gross, _cfg("VAT_RATE", 0.20))
    execute(Q.UPDATE_INVOICE_TOTALS, (net, vat, gross, invoice_id))
    return gross


def issue_invoice(invoice_id, send=True):
    now = utcnow()
    execute(Q.ISSUE_INVOICE, (now, add_days(now, _cfg("INVOICE_DUE_DAYS", 14)), invoice_id))
    inv = get_invoice(invoice_id)
    if send:
        mailer.send_invoice_email(get_member(inv["member_id"]), inv, invoice_lines(invoice_id))
    return inv


def create_invoice_for_trip(trip_id):
    existing = fetch_one(Q.INVOICE_FOR_TRIP, (trip_id,))
    if existing:
        return existing["id"]
    trip = get_trip(trip_id)
    vehicle = get_vehicle(trip["vehicle_id"])
    res = get_reservation(trip["reservation_id"]) if trip["reservation_id"] else None
    tariff = pricing.tariff_for_trip(trip, res, vehicle["category"])
    breakdown = pricing.price_trip(trip, tariff, end_zone_id=trip["end_zone_id"])
    invoice_id = _new_invoice(trip["member_id"], trip_id)
    for line in breakdown.lines:
        add_invoice_line(invoice_id, line["type"], line["description"], line["unit_pence"], line["quantity"])
    for fuel in unreimbursed_fuel(trip_id):
        add_invoice_line(invoice_id, "fuel", "Fuel refund (%s)" % (fuel["station"] or "receipt"),
                         -fuel["amount_pence"])
        mark_fuel_reimbursed(fuel["id"])
    recalc_invoice_totals(invoice_id)
    issue_invoice(invoice_id)
    return invoice_id


def default_payment_method(member_id):
    return fetch_one(Q.DEFAULT_PAYMENT_METHOD, (member_id,))


def add_payment_method(member_id, provider_token, card_brand=None, last4=None, exp_month=None, exp_year=None,
                       make_default=True):
    with get_cursor(commit=True) as cur:
        if make_default:
            cur.execute(Q.CLEAR_DEFAULT_PAYMENT_METHOD, (member_id,))
        cur.execute(Q.INSERT_PAYMENT_METHOD, (member_id, "stripe", provider_token, card_brand, last4,
                                              exp_month, exp_year, make_default))
        return cur.fetchone()["id"]


def detach_payment_methods(member_id):
    for pm in fetch_all("SELECT * FROM payment_methods WHERE member_id = %s AND removed_at IS NULL", (member_id,)):
        try:
            payments_gateway.detach_card(pm["provider_token"])
        except Exception:  # noqa
            log.exception("could not detach card %s", pm["id"])
        execute(Q.REMOVE_PAYMENT_METHOD, (pm["id"], member_id))


def charge_invoice(invoice_id):
    inv = get_invoice(invoice_id)
    if inv["status"] in ("paid", "void"):
        return None
    if inv["total_pence"] <= 0:
        execute(Q.MARK_INVOICE_PAID, (invoice_id,))
        return None
    pm = default_payment_method(inv["member_id"])
    if pm is None:
        raise PaymentDeclined("no card on file")
    result = payments_gateway.charge(pm["provider_token"], inv["total_pence"], inv["currency"],
                                     description="Invoice %s" % inv["number"], idempotency_key=inv["number"])
    row = execute(Q.INSERT_PAYMENT, (invoice_id, pm["id"], inv["total_pence"],
                                     "succeeded" if result.ok else "failed", result.reference,
                                     result.error), returning=True)
    if result.ok:
        execute(Q.MARK_INVOICE_PAID, (invoice_id,))
        return row["id"]
    mailer.send_payment_failed(get_member(inv["member_id"]), inv, result.error)
    raise PaymentDeclined(result.error or "card declined")


def refund_payment(payment_id, amount_pence=None, reason=None):
    pay = _one("SELECT * FROM payments WHERE id = %s", (payment_id,), "payment")
    if pay["status"] != "succeeded":
        raise ValidationError("can only refund successful payments")
    amount = amount_pence or pay["amount_pence"]
    result = payments_gateway.refund(pay["provider_ref"], amount, reason=reason)
    if not result.ok:
        raise PaymentDeclined(result.error)
    execute(Q.INSERT_PAYMENT, (pay["invoice_id"], pay["payment_method_id"], -amount, "refunded",
                               result.reference, reason))
    if amount >= pay["amount_pence"]:
        execute(Q.UPDATE_PAYMENT_STATUS, ("refunded", payment_id))
        execute(Q.UPDATE_INVOICE_STATUS, ("refunded", pay["invoice_id"]))
    return result.reference


def member_has_overdue_invoices(member_id):
    return fetch_scalar(Q.OVERDUE_INVOICE_COUNT, (member_id,), 0) > 0


def mark_overdue_invoices(now=None, suspend_after=3):
    now = now or utcnow()
    rows = fetch_all(Q.OPEN_INVOICES_PAST_DUE, (now,))
    members = set()
    for r in rows:
        execute(Q.UPDATE_INVOICE_STATUS, ("overdue", r["id"]))
        members.add(r["member_id"])
    for member_id in members:
        if fetch_scalar(Q.OVERDUE_INVOICE_COUNT, (member_id,), 0) >= suspend_after:
            suspend_member(member_id, "unpaid invoices")
    return len(rows)


def _draft_invoice_for_misc(member_id):
    row = fetch_one(Q.DRAFT_INVOICES_FOR_MEMBER, (member_id,))
    return row["id"] if row else _new_invoice(member_id)


def add_misc_charge(member_id, line_type, description, amount_pence, issue_now=False):
    """Fees that aren't a trip: cancellations, damage excess, fines..."""
    invoice_id = _draft_invoice_for_misc(member_id)
    add_invoice_line(invoice_id, line_type, description, amount_pence)
    recalc_invoice_totals(invoice_id)
    if issue_now:
        issue_invoice(invoice_id)
    return invoice_id


def charge_cancellation_fee(member_id, reservation_id, fee_pence, label="Late cancellation"):
    return add_misc_charge(member_id, "cancellation", "%s - booking #%s" % (label, reservation_id), fee_pence)


def apply_promo_code(member_id, invoice_id, code):
    promo = fetch_one(Q.PROMO_BY_CODE, (code,))
    if promo is None:
        raise ValidationError("unknown promo code")
    d = today()
    if (promo["valid_from"] and d < promo["valid_from"]) or (promo["valid_to"] and d > promo["valid_to"]):
        raise ValidationError("promo code expired")
    if promo["max_redemptions"] and fetch_scalar(Q.PROMO_REDEMPTIONS_TOTAL, (promo["id"],), 0) >= promo["max_redemptions"]:
        raise ValidationError("promo code fully redeemed")
    if fetch_scalar(Q.PROMO_REDEMPTIONS_FOR_MEMBER, (promo["id"], member_id), 0) >= promo["per_member_limit"]:
        raise ValidationError("you already used this code")
    inv = get_invoice(invoice_id)
    if inv["member_id"] != member_id or inv["status"] not in ("draft", "open"):
        raise ValidationError("invoice not eligible")
    discount = pricing.promo_discount(promo, inv["total_pence"])
    add_invoice_line(invoice_id, "discount", "Promo %s" % promo["code"], -discount)
    recalc_invoice_totals(invoice_id)
    execute(Q.INSERT_PROMO_REDEMPTION, (promo["id"], member_id, invoice_id, discount))
    return discount


# ===========================================================================
# zones
# ===========================================================================

def get_zone(zone_id):
    z = T.parking_zones
    with engine_conn() as conn:
        row = conn.execute(select([z]).where(z.c.id == zone_id)).first()
    if row is None:
        raise NotFound("zone not found")
    return dict(row)


def list_zones(city=None, include_inactive=False):
    z = T.parking_zones
    q = select([z]).order_by(z.c.city, z.c.name)
    if city:
        q = q.where(z.c.city == city)
    if not include_inactive:
        q = q.where(z.c.active == True)  # noqa: E712
    with engine_conn() as conn:
        return [dict(r) for r in conn.execute(q)]


def zone_polygon(zone_id):
    b = T.zone_boundaries
    with engine_conn() as conn:
        rows = conn.execute(select([b.c.lat, b.c.lng]).where(b.c.zone_id == zone_id).order_by(b.c.seq))
        return [(float(r["lat"]), float(r["lng"])) for r in rows]


def zone_for_point(lat, lng, max_km=5.0):
    """Find the zone containing a point. Checks the nearest zones first."""
    candidates = []
    for z in list_zones():
        if z["centre_lat"] is None:
            continue
        d = haversine_km(lat, lng, z["centre_lat"], z["centre_lng"])
        if d <= max_km:
            candidates.append((d, z))
    for _d, z in sorted(candidates, key=lambda x: x[0]):
        if point_in_polygon(float(lat), float(lng), zone_polygon(z["id"])):
            return z
    return None


def zone_restrictions_at(zone_id, at):
    r = T.zone_restrictions
    q = select([r]).where(and_(
        r.c.zone_id == zone_id,
        or_(r.c.weekday == None, r.c.weekday == at.weekday()),  # noqa: E711
        r.c.start_time <= at.time(),
        r.c.end_time > at.time(),
    ))
    with engine_conn() as conn:
        return [dict(x) for x in conn.execute(q)]


def is_parking_allowed(zone_id, at, action="end"):
    blocked = "no_end" if action == "end" else "no_start"
    return not any(x["restriction"] == blocked for x in zone_restrictions_at(zone_id, at))


def zone_occupancy():
    out = []
    for r in fetch_all(Q.ZONE_OCCUPANCY):
        r = dict(r)
        r["ratio"] = (float(r["present"]) / r["capacity"]) if r["capacity"] else None
        out.append(r)
    return out


def snapshot_zone_capacity():
    rows = zone_occupancy()
    s = T.zone_capacity_snapshots
    with engine_conn() as conn:
        for r in rows:
            conn.execute(s.insert().values(zone_id=r["id"], taken_at=utcnow(),
                                           vehicles_present=r["present"], capacity=r["capacity"]))
    return len(rows)


# ===========================================================================
# damage / incidents / fines   (added by Sofia, 2020)
# ===========================================================================

def report_damage(vehicle_id, reported_by, location, severity, description, trip_id=None, photos=()):
    if severity not in ("cosmetic", "minor", "major", "write_off"):
        raise ValidationError("bad severity")
    row = execute(Q.INSERT_DAMAGE_REPORT, (vehicle_id, reported_by, trip_id, location, severity, description),
                  returning=True)
    report_id = row["id"]
    for key in photos:
        add_damage_photo(report_id, key, reported_by)
    if severity in ("major", "write_off"):
        # don't let anyone drive it until somebody looked at it
        active = fetch_one(Q.ACTIVE_TRIP_FOR_VEHICLE, (vehicle_id,))
        if not active:
            set_vehicle_status(vehicle_id, "maintenance")
    return report_id


def add_damage_photo(report_id, storage_key, uploaded_by=None):
    execute(Q.INSERT_DAMAGE_PHOTO, (report_id, storage_key, uploaded_by))


def get_damage_report(report_id):
    rep = dict(_one(Q.DAMAGE_REPORT_BY_ID, (report_id,), "damage report"))
    rep["photos"] = fetch_all(Q.DAMAGE_PHOTOS, (report_id,))
    return rep


def assess_damage(report_id, cost_pence, liable_member_id=None, schedule_repair=True, garage=None):
    rep = get_damage_report(report_id)
    status = "repair_scheduled" if schedule_repair and cost_pence else "assessed"
    execute(Q.UPDATE_DAMAGE_ASSESSMENT, (status, cost_pence, liable_member_id, report_id))
    if liable_member_id and cost_pence:
        excess = min(cost_pence, MAX_DAMAGE_EXCESS_PENCE)
        add_misc_charge(liable_member_id, "damage", "Damage excess - report #%s" % report_id, excess,
                        issue_now=True)
    if schedule_repair and cost_pence:
        schedule_maintenance(rep["vehicle_id"], "repair", add_days(utcnow(), 2), garage=garage,
                             damage_report_id=report_id, notes=rep["description"])
    return status


def mark_damage_repaired(report_id):
    execute("UPDATE damage_reports SET status = 'repaired' WHERE id = %s", (report_id,))


def find_liable_member_for_damage(report_id):
    rep = get_damage_report(report_id)
    if rep["trip_id"]:
        return get_trip(rep["trip_id"])["member_id"]
    prev = trip_at_time(rep["vehicle_id"], rep["reported_at"])
    return prev["member_id"] if prev else None


def open_incident(vehicle_id, incident_type, occurred_at, member_id=None, trip_id=None, police_ref=None,
                  description=None):
    if incident_type not in ("collision", "theft", "breakdown", "vandalism"):
        raise ValidationError("bad incident type")
    if trip_id is None:
        t = trip_at_time(vehicle_id, occurred_at)
        if t:
            trip_id, member_id = t["id"], member_id or t["member_id"]
    row = execute(Q.INSERT_INCIDENT, (vehicle_id, trip_id, member_id, occurred_at, incident_type, police_ref,
                                      description), returning=True)
    if incident_type in ("collision", "theft"):
        set_vehicle_status(vehicle_id, "maintenance")
        bump_reservations_for_vehicle(vehicle_id, utcnow(), "vehicle involved in %s" % incident_type)
    return row["id"]


def close_incident(incident_id):
    execute(Q.CLOSE_INCIDENT, (incident_id,))


def file_insurance_claim(incident_id, insurer, amount_claimed_pence, excess_pence=0, claim_ref=None):
    inc = _one(Q.INCIDENT_BY_ID, (incident_id,), "incident")
    row = execute(Q.INSERT_CLAIM, (incident_id, insurer, claim_ref, amount_claimed_pence, excess_pence),
                  returning=True)
    if excess_pence and inc["member_id"]:
        add_misc_charge(inc["member_id"], "damage", "Insurance excess - incident #%s" % incident_id,
                        min(excess_pence, MAX_DAMAGE_EXCESS_PENCE))
    execute("UPDATE incidents SET status = 'investigating' WHERE id = %s AND status = 'open'", (incident_id,))
    return row["id"]


def settle_claim(claim_id, amount_settled_pence):
    execute(Q.SETTLE_CLAIM, (amount_settled_pence, claim_id))


def record_traffic_fine(plate, authority, reference, offence, issued_at, amount_pence):
    vehicle = get_vehicle_by_plate(plate)
    if vehicle is None:
        raise NotFound("no vehicle with plate %s" % plate)
    row = execute(Q.INSERT_FINE, (vehicle["id"], authority, reference, offence, issued_at, amount_pence),
                  returning=True)
    return row["id"] if row else None


def assign_fine_to_driver(fine_id, admin_fee_pence=FINE_ADMIN_FEE_PENCE):
    fine = _one(Q.FINE_BY_ID, (fine_id,), "fine")
    trip = trip_at_time(fine["vehicle_id"], fine["issued_at"])
    if trip is None:
        log.info("fine %s: no trip at %s, company pays", fine_id, fine["issued_at"])
        return None
    execute(Q.ASSIGN_FINE, (trip["id"], trip["member_id"], admin_fee_pence, fine_id))
    add_misc_charge(trip["member_id"], "fine", "Penalty %s (%s)" % (fine["reference"], fine["authority"]),
                    fine["amount_pence"] + admin_fee_pence, issue_now=True)
    execute(Q.UPDATE_FINE_STATUS, ("recharged", fine_id))
    mailer.send_fine_recharge_notice(get_member(trip["member_id"]), fine, admin_fee_pence)
    return trip["member_id"]


def assign_pending_fines():
    done = 0
    for f in fetch_all(Q.UNASSIGNED_FINES):
        if assign_fine_to_driver(f["id"]):
            done += 1
    return done


# ===========================================================================
# misc / dashboards
# ===========================================================================

def fleet_status_summary():
    v = T.vehicles
    with engine_conn() as conn:
        rows = conn.execute(select([v.c.status, func.count()]).group_by(v.c.status))
        counts = {r[0]: r[1] for r in rows}
    counts["due_service"] = len(vehicles_due_service())
    return counts
