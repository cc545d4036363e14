"""Business logic that used to live in the views.

Yes it's one big file. Split it when you have a week.
"""
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from main.models import (
    Bay, BaySensor, Customer, LocationCode, ParkingSession, Payment, PenaltyNotice, Permit,
    PermitType, SensorReading, SessionExtension, Tariff, Vehicle, VisitorVoucher,
    ContraventionCode,
)
from shared.gateway import PaymentGatewayError, get_gateway
from shared.notifications import notify_pcn_issued, notify_refund_processed
from shared.utils import (
    calculate_charge, generate_reference, is_within_controlled_hours, normalise_vrm, to_local,
)

log = logging.getLogger(__name__)


class SessionError(Exception):
    pass


class PaymentFailed(Exception):
    pass


# --- customers -------------------------------------------------------------

def get_or_create_customer_for_vrm(vrm, phone=""):
    """IVR and the old SMS service create 'anonymous' customers keyed on the VRM."""
    vrm = normalise_vrm(vrm)
    vehicle = Vehicle.objects.filter(vrm=vrm, customer__isnull=False).select_related("customer").first()
    if vehicle:
        return vehicle.customer, vehicle
    customer = Customer.objects.filter(phone=phone).first() if phone else None
    if customer is None:
        customer = Customer.objects.create(account_ref=generate_reference("C", 8), phone=phone)
    vehicle, _ = Vehicle.objects.get_or_create(vrm=vrm, customer=customer)
    return customer, vehicle


# --- tariffs ---------------------------------------------------------------

def current_tariff_for_zone(zone, when=None):
    when = to_local(when or timezone.now()).date()
    return (Tariff.objects.filter(zone=zone, is_active=True, valid_from__lte=when)
            .exclude(valid_to__lt=when).order_by("-valid_from").first())


def quote_session(location_code, minutes, when=None):
    when = when or timezone.now()
    location = LocationCode.objects.select_related("zone").get(code=location_code, active=True)
    tariff = current_tariff_for_zone(location.zone, when)
    if tariff is None:
        raise SessionError("No tariff for location %s" % location_code)
    if tariff.max_stay_minutes and minutes > tariff.max_stay_minutes:
        raise SessionError("Maximum stay here is %d minutes" % tariff.max_stay_minutes)
    price = calculate_charge(tariff, when, when + timedelta(minutes=minutes))
    return {"location": location, "tariff": tariff, "price_pence": price, "minutes": minutes}


# --- payments --------------------------------------------------------------

def take_payment(customer, amount_pence, purpose, token=None, card_token=None, method="card"):
    payment = Payment.objects.create(
        reference=generate_reference("PAY", 10), customer=customer, amount_pence=amount_pence,
        purpose=purpose, method=method, card_token=card_token)
    if amount_pence == 0:
        payment.mark_captured("FREE")
        return payment
    gw = get_gateway()
    try:
        gw_token = token or (card_token.token if card_token else None)
        auth = gw.authorise(gw_token, amount_pence, payment.reference)
        cap = gw.capture(auth["id"])
    except PaymentGatewayError as exc:
        payment.status = "failed"
        payment.failure_reason = str(exc)[:200]
        payment.save(update_fields=["status", "failure_reason", "updated_at"])
        raise PaymentFailed(str(exc))
    payment.mark_captured(cap.get("id", auth["id"]))
    return payment


def refund_payment(payment, amount_pence, reason, user=None):
    from backoffice.models import LedgerEntry, Refund

    if amount_pence > payment.refundable_amount():
        raise ValueError("Refund exceeds what is left on the payment")
    refund = Refund.objects.create(payment=payment, amount_pence=amount_pence, reason=reason,
                                   status="approved", requested_by=user, approved_by=user)
    try:
        result = get_gateway().refund(payment.gateway_ref, amount_pence, reason)
    except PaymentGatewayError as exc:
        refund.status = "failed"
        refund.save()
        log.error("refund %s failed: %s", refund.pk, exc)
        return refund
    refund.status = "paid"
    refund.gateway_ref = result.get("id", "")
    refund.paid_at = timezone.now()
    refund.save()
    payment.status = "refunded" if payment.refundable_amount() == 0 else "part_refunded"
    payment.save(update_fields=["status", "updated_at"])
    LedgerEntry.objects.create(payment=payment, refund=refund, account_code="REFUND",
                               debit_pence=amount_pence)
    notify_refund_processed(refund)
    return refund


# --- sessions --------------------------------------------------------------

@transaction.atomic
def start_parking_session(customer, vehicle, location_code, minutes, token=None, card_token=None,
                          channel="app"):
    if customer is not None and customer.is_blocked:
        raise SessionError("Account blocked, please contact us")
    now = timezone.now()
    quote = quote_session(location_code, minutes, now)
    existing = ParkingSession.active.filter(vrm=vehicle.vrm, zone=quote["location"].zone).first()
    if existing:
        raise SessionError("There is already a session for %s in this zone" % vehicle.vrm)
    try:
        payment = take_payment(customer, quote["price_pence"], "session", token=token,
                               card_token=card_token, method="ivr" if channel == "ivr" else "card")
    except PaymentFailed as exc:
        raise SessionError("Payment declined: %s" % exc)
    session = ParkingSession.objects.create(
        reference=generate_reference("S", 9), customer=customer, vehicle=vehicle, vrm=vehicle.vrm,
        location=quote["location"], zone=quote["location"].zone, tariff=quote["tariff"],
        started_at=now, expires_at=now + timedelta(minutes=minutes),
        price_pence=quote["price_pence"], channel=channel, payment=payment)
    log.info("session %s started for %s", session.reference, vehicle.vrm)
    return session


@transaction.atomic
def extend_parking_session(session, minutes, token=None, card_token=None):
    if not session.is_active():
        raise SessionError("Session has already finished")
    new_expiry = session.expires_at + timedelta(minutes=minutes)
    total = calculate_charge(session.tariff, session.started_at, new_expiry)
    extra = max(total - session.price_pence, 0)
    try:
        payment = take_payment(session.customer, extra, "extension", token=token, card_token=card_token)
    except PaymentFailed as exc:
        raise SessionError("Payment declined: %s" % exc)
    SessionExtension.objects.create(session=session, added_minutes=minutes, price_pence=extra,
                                    payment=payment)
    session.expires_at = new_expiry
    session.price_pence = total
    session.reminder_sent = False
    session.save()
    return session


def end_parking_session(session):
    # no refunds for ending early - policy since 2019, see #412
    session.ended_at = timezone.now()
    session.status = "ended"
    session.save(update_fields=["ended_at", "status", "updated_at"])
    return session


def find_active_session(vrm, zone, when=None):
    when = when or timezone.now()
    return (ParkingSession.objects
            .filter(vrm=normalise_vrm(vrm), zone=zone, started_at__lte=when, expires_at__gt=when)
            .exclude(status="cancelled").first())


def old_start_session(vrm, location_code, minutes):
    # pre-2020 version without payment, still referenced by the SMS shortcode service?
    # TODO check with ops and delete
    customer, vehicle = get_or_create_customer_for_vrm(vrm)
    return start_parking_session(customer, vehicle, location_code, minutes, channel="sms")


# --- permits ---------------------------------------------------------------

def has_valid_permit(vrm, zone, when=None):
    when = when or timezone.now()
    day = to_local(when).date()
    vrm = normalise_vrm(vrm)
    if Permit.objects.filter(vehicle__vrm=vrm, zone=zone, status="active",
                             valid_from__lte=day, valid_to__gte=day).exists():
        return True
    return VisitorVoucher.objects.filter(vrm=vrm, permit__zone=zone, starts_at__lte=when,
                                         ends_at__gt=when).exists()


def calculate_permit_price(permit_type, vehicle, existing_permits=0):
    price = permit_type.base_price_pence
    if permit_type.emissions_based and vehicle.co2_gkm is not None:
        if vehicle.is_electric:
            price = 0
        elif vehicle.co2_gkm <= 100:
            price = int(price * 0.5)
        elif vehicle.co2_gkm > 225:
            price = int(price * 1.75)
    if existing_permits >= 1:
        # second and later permits in a household cost more
        price += 5000 * existing_permits
    return price


@transaction.atomic
def issue_permit(application, token=None):
    existing = Permit.objects.filter(customer=application.customer, zone=application.zone,
                                     status="active").count()
    price = calculate_permit_price(application.permit_type, application.vehicle, existing)
    today = timezone.localdate()
    permit = Permit.objects.create(
        reference=generate_reference("P", 8), permit_type=application.permit_type,
        customer=application.customer, vehicle=application.vehicle, zone=application.zone,
        valid_from=today, valid_to=today + timedelta(days=application.permit_type.duration_days),
        price_pence=price, status="pending")
    if token:
        permit.payment = take_payment(application.customer, price, "permit", token=token)
        permit.status = "active"
        permit.save()
    for _ in range(application.permit_type.visitor_vouchers_included):
        VisitorVoucher.objects.create(permit=permit, code=generate_reference("V", 8))
    application.permit = permit
    application.save(update_fields=["permit"])
    return permit


def approve_permit_application(application, staff_user):
    application.status = "approved"
    application.reviewed_by = staff_user
    application.reviewed_at = timezone.now()
    application.save()
    return issue_permit(application)


# --- enforcement -----------------------------------------------------------

def can_issue_pcn(vrm, zone, when=None):
    """Returns (ok, reason).  Used by the handhelds before an officer prints a ticket."""
    when = when or timezone.now()
    if not is_within_controlled_hours(zone, when):
        return False, "outside controlled hours"
    if find_active_session(vrm, zone, when):
        return False, "paid session"
    if has_valid_permit(vrm, zone, when):
        return False, "valid permit"
    if PenaltyNotice.objects.filter(vrm=normalise_vrm(vrm), zone=zone,
                                    issued_at__gte=when - timedelta(hours=24)).exists():
        return False, "already ticketed today"
    return True, ""


def issue_penalty_notice(officer, vrm, zone, contravention_code, bay=None, observed_from=None,
                         photo_count=0, notes=""):
    from legacy.utils import compute_pcn_check_digit

    code = ContraventionCode.objects.get(code=contravention_code)
    now = timezone.now()
    base = generate_reference("CP", 8)
    vehicle = Vehicle.objects.filter(vrm=normalise_vrm(vrm)).first()
    pcn = PenaltyNotice.objects.create(
        pcn_ref=base + compute_pcn_check_digit(base), vrm=normalise_vrm(vrm), vehicle=vehicle,
        zone=zone, bay=bay, contravention=code, officer=officer, observed_from=observed_from,
        issued_at=now, amount_pence=code.amount_pence,
        discount_until=(now + timedelta(days=settings.PCN_DISCOUNT_DAYS)).date(),
        photo_count=photo_count, notes=notes)
    notify_pcn_issued(pcn)
    return pcn


def pay_penalty_notice(pcn, token):
    if pcn.status not in ("issued", "nto", "charge_cert", "challenged"):
        raise ValueError("PCN %s cannot be paid (status %s)" % (pcn.pcn_ref, pcn.status))
    customer = pcn.vehicle.customer if pcn.vehicle_id else None
    payment = take_payment(customer, pcn.current_amount(), "pcn", token=token)
    pcn.payment = payment
    pcn.status = "paid"
    pcn.paid_at = timezone.now()
    pcn.save()
    return payment


# --- estate / sensors ------------------------------------------------------

def update_bay_occupancy(sensor, occupied, recorded_at=None, raw=""):
    recorded_at = recorded_at or timezone.now()
    SensorReading.objects.create(sensor=sensor, occupied=occupied, recorded_at=recorded_at, raw=raw)
    BaySensor.objects.filter(pk=sensor.pk).update(last_seen=timezone.now())
    bay = sensor.bay
    if bay.is_occupied != occupied:
        bay.is_occupied = occupied
        bay.occupied_since = recorded_at if occupied else None
        bay.save(update_fields=["is_occupied", "occupied_since"])
    return bay


def suspend_bays(bays, until, reason):
    return Bay.objects.filter(pk__in=[b.pk for b in bays]).update(
        suspended_until=until, suspension_reason=reason[:200])
