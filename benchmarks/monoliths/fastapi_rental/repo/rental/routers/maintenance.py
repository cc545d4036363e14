import datetime as dt

from fastapi import APIRouter, Body, Depends
from sqlalchemy.orm import Session

from rental.services import maintenance_service
from rental.utils import get_db, require_role

router = APIRouter(prefix="/maintenance", tags=["maintenance"], dependencies=[Depends(require_role("fleet"))])


@router.post("/jobs", status_code=201)
def create_job(vehicle_id: int = Body(...), kind: str = Body("service"), planned_for: dt.date = Body(...),
               notes: str | None = Body(None), db: Session = Depends(get_db)):
    job = maintenance_service.open_job(db, vehicle_id, kind, planned_for, notes=notes)
    return {"id": job.id, "workshop": job.workshop.name if job.workshop else None}


@router.post("/jobs/{job_id}/start")
def start(job_id: int, db: Session = Depends(get_db)):
    return maintenance_service.start_job(db, job_id)


@router.post("/jobs/{job_id}/close")
def close(job_id: int, km: int = Body(...), cost: float | None = Body(None), notes: str | None = Body(None),
          db: Session = Depends(get_db)):
    job = maintenance_service.close_job(db, job_id, km, cost, notes)
    return {"id": job.id, "status": job.status.value}


@router.get("/due")
def due(db: Session = Depends(get_db)):
    return maintenance_service.vehicles_due_for_service(db)
