from datetime import date

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session

from fleetco.api.schemas import BookingIn, TrackingEventIn
from fleetco.common.auth import require_api_key
from fleetco.common.db import get_db
from fleetco.repositories.shipment_repo import ShipmentRepository, find_late_shipments
from fleetco.services import booking_service, tracking

router = APIRouter(prefix="/shipments", tags=["shipments"])


@router.post("", status_code=201, dependencies=[Depends(require_api_key)])
def create_shipment(body: BookingIn, db: Session = Depends(get_db)):
    shipment = booking_service.book_shipment(
        db, body.customer_id, body.origin_address, body.destination_address,
        [i.dict() for i in body.items], pickup_date=body.pickup_date,
    )
    return {"reference": shipment.reference, "promised_date": shipment.promised_date}


@router.get("/late", dependencies=[Depends(require_api_key)])
def late_shipments(db: Session = Depends(get_db)):
    return find_late_shipments(db, date.today())


@router.get("/{reference}", dependencies=[Depends(require_api_key)])
def get_shipment(reference: str, db: Session = Depends(get_db)):
    shipment = ShipmentRepository(db).by_reference(reference)
    if shipment is None:
        raise HTTPException(404, "shipment not found")
    return {
        "reference": shipment.reference,
        "status": shipment.status.value,
        "vehicle_id": shipment.vehicle_id,
        "driver_id": shipment.driver_id,
        "weight_kg": shipment.total_weight(),
    }


@router.post("/{reference}/cancel", dependencies=[Depends(require_api_key)])
def cancel(reference: str, reason: str, db: Session = Depends(get_db)):
    shipment = booking_service.cancel_shipment(db, reference, reason)
    return {"reference": shipment.reference, "status": shipment.status.value}


@router.post("/{shipment_id}/assign", dependencies=[Depends(require_api_key)])
def assign(shipment_id: int, vehicle_id: int = None, driver_id: int = None,
           db: Session = Depends(get_db)):
    shipment = booking_service.assign_vehicle_and_driver(db, shipment_id, vehicle_id, driver_id)
    return {"vehicle_id": shipment.vehicle_id, "driver_id": shipment.driver_id}


@router.post("/{reference}/events", status_code=201, dependencies=[Depends(require_api_key)])
def post_tracking_event(reference: str, body: TrackingEventIn, db: Session = Depends(get_db)):
    event = tracking.record_event(db, reference, body.code, body.lat, body.lon, body.note)
    return {"id": event.id, "code": event.code}


@router.get("/{reference}/track")
def track_public(reference: str, db: Session = Depends(get_db)):
    # public endpoint for the customer portal: no api key, no coordinates
    timeline = tracking.shipment_timeline(db, reference)
    for event in timeline["events"]:
        event.pop("lat", None)
        event.pop("lon", None)
    return timeline
