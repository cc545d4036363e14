import logging
from decimal import Decimal

from fastapi import HTTPException

from rental.models import RentalAgreement, Reservation, ReservationExtra, ReservationStatus, VehicleStatus
from rental.repositories.customer_repo import CustomerRepository
from rental.repositories.reservation_repo import AgreementRepository, AvailabilityRepository, ReservationRepository
from rental.services import fleet_service, notification_service, payment_service, pricing_service
from rental.services.customer_service import check_can_rent
from rental.utils import generate_reference, utcnow

log = logging.getLogger(__name__)

# how many unassigned bookings we accept beyond the physical cars (no-show rate ~8%)
OVERBOOKING_SLACK = 1


def create_reservation(db, data, channel="web"):
    customer = CustomerRepository(db).get_or_404(data["customer_id"])
    pickup_at, return_at = data["pickup_at"], data["return_at"]
    if return_at <= pickup_at:
        raise HTTPException(status_code=400, detail="Return must be after pickup")
    check_can_rent(db, customer, data["category_id"], pickup_at.date())
    avail = AvailabilityRepository(db)
    free = avail.free_vehicles(data["category_id"], data["branch_id"], pickup_at, return_at)
    booked = avail.booked_count(data["category_id"], data["branch_id"], pickup_at, return_at)
    if len(free) + OVERBOOKING_SLACK <= booked:
        raise HTTPException(status_code=409, detail="No vehicles available in this category")
    q = pricing_service.quote(db, data["category_id"], data["branch_id"], pickup_at, return_at,
                              extras=data.get("extras", []), promo_code=data.get("promo_code"),
                              customer=customer, return_branch_id=data.get("return_branch_id"))
    reservation = Reservation(
        reference=generate_reference("R"), customer=customer, category_id=data["category_id"],
        pickup_branch_id=data["branch_id"], return_branch_id=data.get("return_branch_id") or data["branch_id"],
        pickup_at=pickup_at, return_at=return_at, promo_code=q["promo"], quoted_total=q["total"], channel=channel)
    for line in q["extras"]:
        reservation.extras.append(ReservationExtra(product_id=line["product_id"], price_each=line["price"]))
    ReservationRepository(db).add(reservation)
    if customer.account is None or not customer.account.pays_by_invoice:
        payment_service.authorize_deposit(db, reservation)
    notification_service.send_confirmation(db, reservation)
    return reservation


def confirm_reservation(db, reservation_id, payment_token=None):
    reservation = ReservationRepository(db).get_or_404(reservation_id)
    if reservation.status != ReservationStatus.PENDING:
        raise HTTPException(status_code=409, detail="Only pending reservations can be confirmed")
    if payment_token:
        payment_service.take_payment(db, reservation, reservation.quoted_total, payment_token)
    reservation.status = ReservationStatus.CONFIRMED
    return reservation


def cancel_reservation(db, reservation_id, reason="customer"):
    reservation = ReservationRepository(db).get_or_404(reservation_id)
    fee = pricing_service.cancellation_fee(reservation) if reason == "customer" else Decimal("0")
    reservation.status = ReservationStatus.CANCELLED
    reservation.cancelled_at = utcnow()
    payment_service.release_deposit(db, reservation)
    paid = payment_service.paid_for(db, reservation)
    if paid > fee:
        payment_service.refund(db, reservation, paid - fee, reason=f"cancellation ({reason})")
    notification_service.notify_customer(db, reservation.customer, "reservation_cancelled",
                                         {"reference": reservation.reference, "fee": str(fee)})
    return reservation


def extend_reservation(db, reservation_id, new_return_at):
    reservation = ReservationRepository(db).get_or_404(reservation_id)
    if new_return_at <= reservation.return_at:
        raise HTTPException(status_code=400, detail="New return time must be later")
    if reservation.vehicle_id:
        clash = [r for r in ReservationRepository(db).future_for_vehicle(reservation.vehicle_id, reservation.return_at)
                 if r.id != reservation.id and r.pickup_at < new_return_at]
        if clash:
            raise HTTPException(status_code=409, detail="Vehicle is booked by someone else")
    q = pricing_service.quote(db, reservation.category_id, reservation.pickup_branch_id, reservation.pickup_at,
                              new_return_at, extras=[e.product.code for e in reservation.extras],
                              customer=reservation.customer, return_branch_id=reservation.return_branch_id)
    reservation.return_at = new_return_at
    reservation.quoted_total = q["total"]
    return reservation


def assign_vehicle(db, reservation):
    free = AvailabilityRepository(db).free_vehicles(reservation.category_id, reservation.pickup_branch_id,
                                                    reservation.pickup_at, reservation.return_at)
    if not free:
        return None
    # lowest mileage first, the branch managers asked for it
    vehicle = sorted(free, key=lambda v: v.mileage_km)[0]
    reservation.vehicle_id = vehicle.id
    return vehicle


def reassign_vehicle(db, vehicle_id, reason):
    """A vehicle dropped out (damage, service): move its upcoming bookings to another car."""
    moved, stranded = [], []
    for reservation in ReservationRepository(db).future_for_vehicle(vehicle_id, utcnow()):
        if reservation.status == ReservationStatus.ON_RENT:
            continue
        reservation.vehicle_id = None
        if assign_vehicle(db, reservation):
            moved.append(reservation.reference)
        else:
            stranded.append(reservation.reference)
            notification_service.notify_branch(db, reservation.pickup_branch_id, "no_vehicle_for_booking",
                                               {"reference": reservation.reference, "reason": reason})
    return {"moved": moved, "stranded": stranded}


def open_agreement(db, reservation):
    if reservation.status != ReservationStatus.CONFIRMED:
        raise HTTPException(status_code=409, detail="Reservation is not confirmed")
    vehicle = reservation.vehicle or assign_vehicle(db, reservation)
    if vehicle is None:
        raise HTTPException(status_code=409, detail="No vehicle could be assigned")
    agreement = RentalAgreement(number=generate_reference("RA", 12), reservation=reservation,
                                vehicle_id=reservation.vehicle_id, signed_at=utcnow())
    AgreementRepository(db).add(agreement)
    reservation.status = ReservationStatus.ON_RENT
    fleet_service.set_status(db, reservation.vehicle_id, VehicleStatus.RENTED)
    return agreement


def close_agreement(db, agreement, returned_at, driven_km, refuel_charge=Decimal("0")):
    reservation = agreement.reservation
    total = Decimal(reservation.quoted_total)
    total += pricing_service.late_fee(db, reservation, returned_at)
    total += pricing_service.extra_km_charge(db, reservation, driven_km)
    total += refuel_charge
    agreement.final_total = total
    agreement.closed_at = returned_at
    reservation.status = ReservationStatus.RETURNED
    if reservation.return_branch_id != reservation.pickup_branch_id:
        fleet_service.transfer_vehicle(db, agreement.vehicle_id, reservation.return_branch_id, arrived=True)
    fleet_service.set_status(db, agreement.vehicle_id, VehicleStatus.AVAILABLE)
    payment_service.settle_agreement(db, agreement)
    return agreement


def mark_no_shows(db, now=None):
    now = now or utcnow()
    count = 0
    for r in ReservationRepository(db).query().filter(Reservation.status == ReservationStatus.CONFIRMED,
                                                       Reservation.pickup_at < now).all():
        if (now - r.pickup_at).total_seconds() > 6 * 3600:
            r.status = ReservationStatus.NO_SHOW
            payment_service.capture_deposit(db, r, pricing_service.cancellation_fee(r, r.pickup_at), "no-show")
            count += 1
    return count
