from datetime import date

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from carehub.core.deps import get_current_user, get_db, require_roles
from carehub.crud.visit import visit_crud, visits_for_day
from carehub.schemas.visit import VisitOut
from carehub.schemas.staff import StaffOut
from carehub.services import scheduling_service

router = APIRouter(prefix="/api/visits", tags=["rota"])
coordinator = require_roles("manager", "coordinator")


@router.get("/day/{day}")
def day_rota(day: date, area: str = None, db: Session = Depends(get_db), user=Depends(coordinator)):
    return [VisitOut.from_orm(v) for v in visits_for_day(db, day, area=area)]


@router.post("/{visit_id}/assign", response_model=VisitOut)
def assign(visit_id: int, staff_id: int, second: bool = False, force: bool = False,
           db: Session = Depends(get_db), user=Depends(coordinator)):
    return scheduling_service.assign_carer(db, visit_id, staff_id, second=second, force=force)


@router.get("/{visit_id}/suggestions")
def suggestions(visit_id: int, db: Session = Depends(get_db), user=Depends(coordinator)):
    return [StaffOut.from_orm(s) for s in scheduling_service.suggest_carers(db, visit_id)]


@router.post("/{visit_id}/cancel")
def cancel_visit(visit_id: int, reason: str, chargeable: bool = False, db: Session = Depends(get_db),
                 user=Depends(coordinator)):
    v = visit_crud.get_or_404(db, visit_id)
    v.status = "cancelled_chargeable" if chargeable else "cancelled"
    v.cancel_reason = reason
    db.commit()
    return {"detail": "cancelled"}


@router.post("/runs/{run_date}/publish")
def publish(run_date: date, db: Session = Depends(get_db), user=Depends(coordinator)):
    runs = scheduling_service.publish_runs(db, run_date)
    return [{"id": r.id, "name": r.name, "staff_id": r.staff_id} for r in runs]


