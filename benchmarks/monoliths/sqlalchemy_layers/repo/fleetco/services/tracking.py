import logging
from datetime import timedelta

from sqlalchemy import delete, text

from fleetco.common.errors import NotFoundError
from fleetco.common.notifications import render_template, send_email, send_sms
from fleetco.common.utils import haversine_km, utcnow
from fleetco.models.orders import ShipmentStatus, TrackingEvent
from fleetco.repositories.shipment_repo import ShipmentRepository, TrackingEventRepository
from fleetco.services.booking_service import change_status

log = logging.getLogger(__name__)

AVERAGE_SPEED_KMH = 62
STATUS_FOR_CODE = {
    "COLLECTED": ShipmentStatus.COLLECTED,
    "DEPARTED": ShipmentStatus.IN_TRANSIT,
    "DELIVERED": ShipmentStatus.DELIVERED,
    "FAILED": ShipmentStatus.EXCEPTION,
}


def record_event(session, reference, code, lat=None, lon=None, note=None, source="driver_app"):
    shipment = ShipmentRepository(session).by_reference(reference)
    if shipment is None:
        raise NotFoundError(f"shipment {reference} not found")
    event = TrackingEvent(shipment_id=shipment.id, code=code.upper(), at=utcnow(), lat=lat,
                          lon=lon, note=note, source=source)
    session.add(event)
    new_status = STATUS_FOR_CODE.get(code.upper())
    if new_status and new_status != shipment.status:
        if new_status == ShipmentStatus.DELIVERED:
            mark_delivered(session, shipment)
        else:
            change_status(session, shipment, new_status, note=note)
    return event


def mark_delivered(session, shipment):
    from fleetco.services.invoicing import invoice_shipment

    change_status(session, shipment, ShipmentStatus.DELIVERED)
    shipment.delivered_at = utcnow()
    customer = shipment.customer
    text_ = render_template(
        "shipment_delivered", reference=shipment.reference, delivered_at=shipment.delivered_at
    )
    if customer is not None:
        send_email(customer.email, f"Delivered: {shipment.reference}", text_)
        send_sms(customer.phone, text_)
    # finance wanted invoices the moment a POD arrives (2022-03)
    invoice_shipment(session, shipment)
    return shipment


def estimate_eta(session, shipment):
    last = TrackingEventRepository(session).latest(shipment.id)
    if last is None or last.lat is None or shipment.destination_lat is None:
        return None
    remaining = haversine_km(
        float(last.lat), float(last.lon),
        float(shipment.destination_lat), float(shipment.destination_lon),
    )
    return last.at + timedelta(hours=remaining * 1.2 / AVERAGE_SPEED_KMH)


def shipment_timeline(session, reference):
    shipment = ShipmentRepository(session).by_reference(reference)
    if shipment is None:
        raise NotFoundError(f"shipment {reference} not found")
    events = TrackingEventRepository(session).for_shipment(shipment.id)
    return {
        "reference": shipment.reference,
        "status": shipment.status.value,
        "eta": estimate_eta(session, shipment),
        "events": [
            {"code": e.code, "at": e.at.isoformat(), "note": e.note, "lat": e.lat, "lon": e.lon}
            for e in events
        ],
    }


def purge_old_events(session, keep_days=400):
    cutoff = utcnow() - timedelta(days=keep_days)
    stmt = delete(TrackingEvent).where(TrackingEvent.at < cutoff)
    return session.execute(stmt).rowcount


def _geo_lookup(session, lat, lon):
    # was used by the old customer portal map; portal v2 geocodes client side
    row = session.execute(
        text(
            "SELECT note FROM tracking_events "
            "WHERE round(lat, 2) = round(:lat, 2) AND round(lon, 2) = round(:lon, 2) "
            "AND note IS NOT NULL LIMIT 1"
        ),
        {"lat": lat, "lon": lon},
    ).first()
    return row[0] if row else None
