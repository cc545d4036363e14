import datetime as dt
import logging

from fastapi import HTTPException

from rental.models import JobStatus, MaintenanceJob, Vehicle, VehicleStatus
from rental.repositories.maintenance_repo import MaintenanceRepository
from rental.repositories.vehicle_repo import VehicleRepository
from rental.services import fleet_service
from rental.utils import send_email

log = logging.getLogger(__name__)


def assign_workshop(db, vehicle, kind):
    shops = MaintenanceRepository(db).workshops_near(vehicle.branch_id)
    if kind in ("service", "inspection"):
        internal = [s for s in shops if s.is_internal]
        if internal:
            return internal[0]
    return shops[0] if shops else None


def open_job(db, vehicle_id, kind, planned_for, damage_report_id=None, notes=None):
    vehicle = VehicleRepository(db).get_or_404(vehicle_id)
    repo = MaintenanceRepository(db)
    existing = [j for j in repo.open_for_vehicle(vehicle_id) if j.kind == kind]
    if existing:
        return existing[0]
    job = MaintenanceJob(vehicle=vehicle, kind=kind, planned_for=planned_for, damage_report_id=damage_report_id,
                         workshop=assign_workshop(db, vehicle, kind), notes=notes)
    repo.add(job)
    if job.workshop and job.workshop.email and not job.workshop.is_internal:
        send_email(job.workshop.email, f"Booking {vehicle.plate} for {kind}",
                   f"Please expect {vehicle.make} {vehicle.model} ({vehicle.plate}) on {planned_for:%d-%m-%Y}.")
    return job


def start_job(db, job_id):
    from rental.services.reservation_service import reassign_vehicle

    job = MaintenanceRepository(db).get_or_404(job_id)
    job.status = JobStatus.IN_PROGRESS
    fleet_service.set_status(db, job.vehicle_id, VehicleStatus.IN_SERVICE)
    return reassign_vehicle(db, job.vehicle_id, f"maintenance: {job.kind}")


def close_job(db, job_id, km, cost=None, notes=None):
    job = MaintenanceRepository(db).get_or_404(job_id)
    if job.status == JobStatus.DONE:
        raise HTTPException(status_code=409, detail="Job already closed")
    job.status = JobStatus.DONE
    job.finished_on = dt.date.today()
    job.km_at_service = km
    job.cost = cost
    if notes:
        job.notes = (job.notes or "") + "\n" + notes
    fleet_service.record_odometer(db, job.vehicle_id, km, source="workshop")
    fleet_service.set_status(db, job.vehicle_id, VehicleStatus.AVAILABLE)
    return job


def next_service_due(db, vehicle):
    repo = MaintenanceRepository(db)
    due = []
    for interval in repo.intervals_for(vehicle.category_id):
        last = repo.last_done(vehicle.id, interval.kind)
        last_km = last.km_at_service if last and last.km_at_service else 0
        last_day = last.finished_on if last else vehicle.acquired_on or dt.date.today()
        if interval.every_km and vehicle.mileage_km - last_km >= interval.every_km - 500:
            due.append((interval.kind, "km"))
        elif interval.every_days and (dt.date.today() - last_day).days >= interval.every_days - 7:
            due.append((interval.kind, "days"))
    return due


def vehicles_due_for_service(db):
    result = {}
    for vehicle in db.query(Vehicle).filter(Vehicle.status != VehicleStatus.RETIRED).all():
        due = next_service_due(db, vehicle)
        if due:
            result[vehicle.id] = due
    return result
