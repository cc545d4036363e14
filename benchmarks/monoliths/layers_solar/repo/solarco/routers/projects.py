"""Projects, crews - and permits/interconnection (ops wanted one screen)."""
from datetime import date, datetime
from typing import Dict, List, Optional

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy.orm import Session

from solarco.core.database import get_db
from solarco.core.security import ROLE_OPS, CurrentUser, get_current_user, require_role
from solarco.core.utils import BusinessRuleError, NotFoundError
from solarco.repositories.permits import InterconnectionRepository, PermitRepository
from solarco.repositories.project_repo import CrewRepository, ProjectRepository
from solarco.services.grid_connection import InterconnectionService
from solarco.services.project_service import (CrewScheduler, ProjectService, record_inspection_result,
                                              record_permit_decision, submit_building_permit)

router = APIRouter(prefix="/projects", tags=["projects"])
crews_router = APIRouter(prefix="/crews", tags=["projects"])


class ProjectOut(BaseModel):
    id: int
    project_number: str
    status: str
    address: Optional[str]
    system_size_kw: Optional[float]
    install_date: Optional[date]
    crew_id: Optional[int]

    class Config:
        orm_mode = True


class ScheduleIn(BaseModel):
    install_date: date
    crew_id: Optional[int] = None


class CompleteIn(BaseModel):
    inverter_serial: str
    vendor: str


class PermitSubmitIn(BaseModel):
    documents: Dict[str, str] = {}


class PermitDecisionIn(BaseModel):
    approved: bool
    permit_number: Optional[str] = None
    note: Optional[str] = None


class InspectionIn(BaseModel):
    result: str
    inspector: Optional[str] = None
    notes: Optional[str] = None


def _wrap(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except NotFoundError as e:
        raise HTTPException(404, str(e))
    except BusinessRuleError as e:
        raise HTTPException(409, str(e))


@router.get("", response_model=List[ProjectOut])
def list_projects(status: Optional[str] = None, db: Session = Depends(get_db),
                  user: CurrentUser = Depends(get_current_user)):
    repo = ProjectRepository(db)
    return repo.by_status(status) if status else repo.list(limit=200)


@router.get("/{project_id}", response_model=ProjectOut)
def get_project(project_id: int, db: Session = Depends(get_db),
                user: CurrentUser = Depends(get_current_user)):
    return _wrap(ProjectService(db).get, project_id)


@router.get("/{project_id}/milestones")
def project_milestones(project_id: int, db: Session = Depends(get_db),
                       user: CurrentUser = Depends(get_current_user)):
    p = _wrap(ProjectService(db).get, project_id)
    return [{"name": m.name, "due": m.due_date, "done_at": m.done_at} for m in p.milestones]


@router.post("/{project_id}/schedule", response_model=ProjectOut)
def schedule_project(project_id: int, body: ScheduleIn, db: Session = Depends(get_db),
                     user: CurrentUser = Depends(require_role(ROLE_OPS))):
    return _wrap(ProjectService(db).schedule_install, project_id, body.install_date, body.crew_id,
                 user.email)


@router.post("/{project_id}/installed", response_model=ProjectOut)
def mark_installed(project_id: int, db: Session = Depends(get_db),
                   user: CurrentUser = Depends(require_role(ROLE_OPS))):
    return _wrap(ProjectService(db).mark_installed, project_id, user.email)


@router.post("/{project_id}/complete", response_model=ProjectOut)
def complete_project(project_id: int, body: CompleteIn, db: Session = Depends(get_db),
                     user: CurrentUser = Depends(require_role(ROLE_OPS))):
    return _wrap(ProjectService(db).complete, project_id, body.inverter_serial, body.vendor, user.email)


@router.post("/{project_id}/hold", response_model=ProjectOut)
def hold_project(project_id: int, reason: str, db: Session = Depends(get_db),
                 user: CurrentUser = Depends(require_role(ROLE_OPS))):
    return _wrap(ProjectService(db).put_on_hold, project_id, reason)


@router.post("/{project_id}/cancel", response_model=ProjectOut)
def cancel_project(project_id: int, reason: str, db: Session = Depends(get_db),
                   user: CurrentUser = Depends(require_role(ROLE_OPS))):
    return _wrap(ProjectService(db).cancel, project_id, reason, user.email)


# -- permits ---------------------------------------------------------------
@router.get("/{project_id}/permits")
def list_permits(project_id: int, db: Session = Depends(get_db),
                 user: CurrentUser = Depends(get_current_user)):
    return [{"id": p.id, "type": p.permit_type, "status": p.status, "number": p.permit_number,
             "jurisdiction": p.jurisdiction} for p in PermitRepository(db).for_project(project_id)]


@router.post("/{project_id}/permits", status_code=201)
def create_permit(project_id: int, body: PermitSubmitIn, db: Session = Depends(get_db),
                  user: CurrentUser = Depends(require_role(ROLE_OPS))):
    p = _wrap(submit_building_permit, db, project_id, body.documents, user.email)
    return {"id": p.id, "jurisdiction": p.jurisdiction, "fee": float(p.fee or 0)}


@router.post("/permits/{permit_id}/decision")
def permit_decision(permit_id: int, body: PermitDecisionIn, db: Session = Depends(get_db),
                    user: CurrentUser = Depends(require_role(ROLE_OPS))):
    p = _wrap(record_permit_decision, db, permit_id, body.approved, body.permit_number, body.note)
    return {"id": p.id, "status": p.status}


@router.post("/permits/{permit_id}/inspection")
def record_inspection(permit_id: int, body: InspectionIn, db: Session = Depends(get_db),
                      user: CurrentUser = Depends(require_role(ROLE_OPS))):
    record_inspection_result(db, permit_id, body.result, body.inspector, body.notes)
    return {"ok": True}


@router.post("/{project_id}/interconnection")
def submit_interconnection(project_id: int, db: Session = Depends(get_db),
                           user: CurrentUser = Depends(require_role(ROLE_OPS))):
    ic = _wrap(InterconnectionService(db).submit, project_id, user.email)
    return {"ref": ic.application_ref, "status": ic.status, "net_metering": ic.net_metering}


@router.get("/{project_id}/interconnection")
def interconnection_status(project_id: int, refresh: bool = False, db: Session = Depends(get_db),
                           user: CurrentUser = Depends(get_current_user)):
    ic = InterconnectionRepository(db).for_project(project_id)
    if ic is None:
        raise HTTPException(404, "no interconnection application")
    if refresh:
        ic = InterconnectionService(db).refresh_status(ic)
    return {"ref": ic.application_ref, "status": ic.status, "pto_date": ic.pto_date}


# -- crews -----------------------------------------------------------------
@crews_router.get("")
def list_crews(region: Optional[str] = None, db: Session = Depends(get_db),
               user: CurrentUser = Depends(get_current_user)):
    return [{"id": c.id, "name": c.name, "region": c.region, "batteries": c.does_batteries}
            for c in CrewRepository(db).active(region)]


@crews_router.get("/{crew_id}/calendar")
def crew_calendar(crew_id: int, start: date, end: date, db: Session = Depends(get_db),
                  user: CurrentUser = Depends(get_current_user)):
    return CrewScheduler(db).calendar(crew_id, start, end)


@crews_router.get("/available/{work_date}")
def available_crews(work_date: date, region: Optional[str] = None, db: Session = Depends(get_db),
                    user: CurrentUser = Depends(get_current_user)):
    return [{"id": c.id, "name": c.name} for c in CrewRepository(db).free_crews(work_date, region)]
