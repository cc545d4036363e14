import datetime as dt
import logging

from fastapi import HTTPException

from rental.models import OdometerReading, Vehicle, VehicleStatus
from rental.repositories.vehicle_repo import BranchRepository, VehicleRepository
from rental.utils import normalize_plate, utcnow

log = logging.getLogger(__name__)


def register_vehicle(db, data):
    repo = VehicleRepository(db)
    plate = normalize_plate(data["plate"])
    if repo.by_plate(plate):
        raise HTTPException(status_code=409, detail="Plate already registered")
    category = repo.category_by_code(data["category_code"])
    branch = BranchRepository(db).by_code(data["branch_code"])
    if category is None or branch is None:
        raise HTTPException(status_code=422, detail="Unknown category or branch")
    vehicle = Vehicle(plate=plate, make=data["make"], model=data["model"],
                      year=data["year"], fuel_type=data.get("fuel_type", "petrol"), category=category,
                      branch=branch, mileage_km=data.get("mileage_km", 0), acquired_on=dt.date.today())
    return repo.add(vehicle)


def set_status(db, vehicle_id, status):
    vehicle = VehicleRepository(db).get_or_404(vehicle_id)
    if vehicle.status == VehicleStatus.RETIRED:
        raise HTTPException(status_code=409, detail="Vehicle is retired")
    log.info("vehicle %s: %s -> %s", vehicle.plate, vehicle.status, status)
    vehicle.status = status
    return vehicle


def record_odometer(db, vehicle_id, km, source="manual"):
    vehicle = VehicleRepository(db).get_or_404(vehicle_id)
    if km < vehicle.mileage_km:
        # happens with the telematics boxes after a battery swap, just log it
        log.warning("odometer going backwards for %s: %s < %s", vehicle.plate, km, vehicle.mileage_km)
        return None
    db.add(OdometerReading(vehicle=vehicle, km=km, source=source))
    vehicle.mileage_km = km
    return vehicle


def transfer_vehicle(db, vehicle_id, to_branch_id, arrived=False):
    vehicle = VehicleRepository(db).get_or_404(vehicle_id)
    BranchRepository(db).get_or_404(to_branch_id)
    vehicle.branch_id = to_branch_id
    vehicle.status = VehicleStatus.AVAILABLE if arrived else VehicleStatus.IN_TRANSFER
    return vehicle


def retire_vehicle(db, vehicle_id, reason=""):
    from rental.services.reservation_service import reassign_vehicle

    vehicle = VehicleRepository(db).get_or_404(vehicle_id)
    vehicle.status = VehicleStatus.RETIRED
    vehicle.retired_on = dt.date.today()
    return reassign_vehicle(db, vehicle_id, reason or "retired")


def schedule_service(db, vehicle_id, kind="service", planned_for=None):
    """Book the car into the workshop (this is maintenance 'service', not a web service)."""
    from rental.services import maintenance_service

    planned_for = planned_for or (utcnow().date() + dt.timedelta(days=3))
    return maintenance_service.open_job(db, vehicle_id, kind, planned_for)


def fleet_summary(db, branch_id=None):
    repo = VehicleRepository(db)
    if branch_id is None:
        return repo.count_by_status()
    summary = {}
    for vehicle in repo.at_branch(branch_id):
        summary[vehicle.status.value] = summary.get(vehicle.status.value, 0) + 1
    return summary
