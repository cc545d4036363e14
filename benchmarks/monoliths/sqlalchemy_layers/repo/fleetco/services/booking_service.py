import logging
from datetime import date

from sqlalchemy import update

from fleetco.common.errors import ConflictError, ValidationError
from fleetco.common.notifications import render_template, send_email
from fleetco.common.utils import add_business_days, generate_reference, utcnow
from fleetco.models.orders import Shipment, ShipmentItem, ShipmentStatus, TrackingEvent
from fleetco.repositories.fleet_repo import DriverRepository, VehicleRepository
from fleetco.repositories.shipment_repo import ShipmentRepository
from fleetco.services.customer_service import check_credit

log = logging.getLogger(__name__)

ALLOWED_TRANSITIONS = {
    ShipmentStatus.BOOKED: {ShipmentStatus.ASSIGNED, ShipmentStatus.CANCELLED},
    ShipmentStatus.ASSIGNED: {ShipmentStatus.COLLECTED, ShipmentStatus.CANCELLED, ShipmentStatus.BOOKED},
    ShipmentStatus.COLLECTED: {ShipmentStatus.IN_TRANSIT, ShipmentStatus.EXCEPTION},
    ShipmentStatus.IN_TRANSIT: {ShipmentStatus.DELIVERED, ShipmentStatus.EXCEPTION},
    ShipmentStatus.EXCEPTION: {ShipmentStatus.IN_TRANSIT, ShipmentStatus.CANCELLED},
}


def book_shipment(session, customer_id, origin_address, destination_address, items,
                  pickup_date=None, price=None, quote_id=None):
    if not items:
        raise ValidationError("a shipment needs at least one item")
    if not check_credit(session, customer_id, price or 0):
        raise ConflictError("customer is over credit limit or on hold", customer_id=customer_id)
    pickup = pickup_date or add_business_days(date.today(), 1)
    shipment = Shipment(
        reference=generate_reference("SHP"), customer_id=customer_id, quote_id=quote_id,
        origin_address=origin_address, destination_address=destination_address,
        pickup_date=pickup, promised_date=add_business_days(pickup, 2), price=price,
        status=ShipmentStatus.BOOKED,
    )
    shipment.items = [ShipmentItem(**item) for item in items]
    session.add(shipment)
    session.flush()
    session.add(TrackingEvent(shipment_id=shipment.id, code="BOOKED", at=utcnow(), source="api"))
    customer = shipment.customer
    if customer is not None and customer.email:
        send_email(
            customer.email,
            f"Booking {shipment.reference}",
            render_template("shipment_booked", reference=shipment.reference, pickup_date=pickup),
        )
    return shipment


def book_from_quote(session, quote, pickup_date, origin_address, destination_address):
    items = [
        {"description": line.description, "quantity": 1, "weight_kg": quote.weight_kg}
        for line in quote.lines[:1]
    ]
    return book_shipment(session, quote.customer_id, origin_address, destination_address, items,
                         pickup_date=pickup_date, price=quote.total, quote_id=quote.id)


def change_status(session, shipment, new_status, note=None):
    allowed = ALLOWED_TRANSITIONS.get(shipment.status, set())
    if new_status not in allowed:
        raise ConflictError(f"cannot go from {shipment.status.value} to {new_status.value}")
    shipment.status = new_status
    session.add(
        TrackingEvent(shipment_id=shipment.id, code=new_status.value.upper(), at=utcnow(), note=note)
    )
    return shipment


def cancel_shipment(session, reference, reason):
    shipment = ShipmentRepository(session).by_reference(reference)
    if shipment is None:
        raise ValidationError(f"unknown shipment {reference}")
    change_status(session, shipment, ShipmentStatus.CANCELLED, note=reason)
    # free the truck and the driver; dispatch re-plans in the morning
    session.execute(
        update(Shipment).where(Shipment.id == shipment.id).values(vehicle_id=None, driver_id=None)
    )
    return shipment


def assign_vehicle_and_driver(session, shipment_id, vehicle_id=None, driver_id=None):
    shipment = ShipmentRepository(session).get(shipment_id)
    weight = shipment.total_weight()
    if vehicle_id is None:
        candidates = VehicleRepository(session).available(min_payload_kg=weight)
        if not candidates:
            raise ConflictError("no vehicle with enough payload", weight=weight)
        vehicle_id = candidates[0].id
    if driver_id is None:
        drivers = DriverRepository(session).active()
        busy = {s.driver_id for s in session.query(Shipment).filter(
            Shipment.pickup_date == shipment.pickup_date,
            Shipment.status == ShipmentStatus.ASSIGNED,
        )}
        free = [d for d in drivers if d.id not in busy]
        if not free:
            raise ConflictError("no driver available", day=str(shipment.pickup_date))
        driver_id = free[0].id
    shipment.vehicle_id = vehicle_id
    shipment.driver_id = driver_id
    change_status(session, shipment, ShipmentStatus.ASSIGNED)
    log.info("shipment %s -> vehicle %s driver %s", shipment.reference, vehicle_id, driver_id)
    return shipment
