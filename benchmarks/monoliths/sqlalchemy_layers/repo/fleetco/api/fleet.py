from datetime import date

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from fleetco.api.schemas import DriverIn, VehicleIn
from fleetco.common.auth import require_api_key
from fleetco.common.db import get_db
from fleetco.repositories.fleet_repo import DriverRepository, VehicleRepository
from fleetco.services import driver_service, fleet_service

router = APIRouter(prefix="/fleet", tags=["fleet"], dependencies=[Depends(require_api_key)])


@router.get("/vehicles")
def list_vehicles(depot: str = None, min_payload_kg: int = 0, db: Session = Depends(get_db)):
    vehicles = VehicleRepository(db).available(depot, min_payload_kg)
    return [{"id": v.id, "registration": v.registration, "payload_kg": v.payload_kg,
             "km_until_service": v.km_until_service()} for v in vehicles]


@router.post("/vehicles", status_code=201)
def create_vehicle(body: VehicleIn, db: Session = Depends(get_db)):
    data = body.dict()
    vehicle = fleet_service.register_vehicle(
        db, data.pop("registration"), data.pop("payload_kg"), **data
    )
    return {"id": vehicle.id, "registration": vehicle.registration}


@router.post("/vehicles/{vehicle_id}/fuel", status_code=201)
def log_fuel_route(vehicle_id: int, litres: float, price_per_litre: float, odometer_km: int,
                   driver_id: int = None, db: Session = Depends(get_db)):
    log = fleet_service.log_fuel(db, vehicle_id, litres, price_per_litre, odometer_km, driver_id)
    return {"id": log.id}


@router.post("/vehicles/{vehicle_id}/maintenance", status_code=201)
def maintenance_route(vehicle_id: int, kind: str, scheduled_for: date, garage: str = None,
                      db: Session = Depends(get_db)):
    record = fleet_service.schedule_maintenance(db, vehicle_id, kind, scheduled_for, garage)
    return {"id": record.id}


@router.get("/drivers")
def list_drivers(depot: str = None, vehicle_kind: str = None, db: Session = Depends(get_db)):
    if vehicle_kind:
        drivers = driver_service.available_drivers(db, vehicle_kind, depot)
    else:
        drivers = DriverRepository(db).active(depot)
    return [{"id": d.id, "name": d.full_name, "depot": d.home_depot} for d in drivers]


@router.post("/drivers", status_code=201)
def create_driver(body: DriverIn, db: Session = Depends(get_db)):
    driver = driver_service.hire_driver(db, **body.dict())
    return {"id": driver.id}


@router.post("/drivers/{driver_id}/shift/start")
def start_shift_route(driver_id: int, vehicle_id: int = None, db: Session = Depends(get_db)):
    shift = driver_service.start_shift(db, driver_id, vehicle_id)
    return {"shift_id": shift.id, "started_at": shift.started_at}


@router.post("/drivers/{driver_id}/shift/end")
def end_shift_route(driver_id: int, break_minutes: int = 45, db: Session = Depends(get_db)):
    shift = driver_service.end_shift(db, driver_id, break_minutes)
    return {
        "hours": round(shift.hours(), 2),
        "remaining_week": driver_service.hours_remaining_this_week(db, driver_id),
    }
