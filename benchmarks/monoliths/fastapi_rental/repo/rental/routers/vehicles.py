from fastapi import APIRouter, Body, Depends
from sqlalchemy.orm import Session

from rental.models import VehicleStatus
from rental.repositories.maintenance_repo import MaintenanceRepository
from rental.repositories.vehicle_repo import VehicleHistoryRepository, VehicleRepository
from rental.services import fleet_service
from rental.utils import get_db, paginate, require_role

router = APIRouter(prefix="/vehicles", tags=["vehicles"])


def vehicle_to_dict(v):
    return {"id": v.id, "plate": v.plate, "make": v.make, "model": v.model, "year": v.year,
            "status": v.status.value, "category": v.category.code if v.category else None,
            "branch_id": v.branch_id, "mileage_km": v.mileage_km}


@router.get("")
def list_vehicles(branch_id: int | None = None, status: VehicleStatus | None = None, page: int = 1,
                  db: Session = Depends(get_db)):
    q = VehicleRepository(db).query()
    if branch_id:
        q = q.filter_by(branch_id=branch_id)
    if status:
        q = q.filter_by(status=status)
    result = paginate(q, page)
    result["items"] = [vehicle_to_dict(v) for v in result["items"]]
    return result


@router.post("", status_code=201)
def create_vehicle(payload: dict = Body(...), db: Session = Depends(get_db), user=Depends(require_role("fleet"))):
    return vehicle_to_dict(fleet_service.register_vehicle(db, payload))


@router.post("/{vehicle_id}/odometer")
def post_odometer(vehicle_id: int, km: int = Body(..., embed=True), db: Session = Depends(get_db)):
    vehicle = fleet_service.record_odometer(db, vehicle_id, km)
    return {"ok": vehicle is not None}


@router.post("/{vehicle_id}/retire")
def retire(vehicle_id: int, reason: str = Body("", embed=True), db: Session = Depends(get_db),
           user=Depends(require_role("fleet"))):
    return fleet_service.retire_vehicle(db, vehicle_id, reason)


@router.get("/{vehicle_id}/damages")
def vehicle_damage_history(vehicle_id: int, db: Session = Depends(get_db)):
    repo = VehicleHistoryRepository(db)
    return {"damages": [{"id": d.id, "zone": d.zone, "severity": d.severity, "description": d.description,
                         "reported": d.created_at} for d in repo.damages(vehicle_id)],
            "open_claims": [c.id for c in repo.open_claims(vehicle_id)]}


@router.get("/{vehicle_id}/service-history")
def vehicle_service_history(vehicle_id: int, db: Session = Depends(get_db)):
    jobs = MaintenanceRepository(db).query().filter_by(vehicle_id=vehicle_id).all()
    return [{"id": j.id, "kind": j.kind, "status": j.status.value, "planned_for": j.planned_for,
             "finished_on": j.finished_on, "cost": j.cost} for j in jobs]
