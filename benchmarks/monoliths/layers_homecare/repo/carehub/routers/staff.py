from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from carehub.core.deps import get_current_user, get_db, require_roles
from carehub.crud.staff import staff_crud
from carehub.models.staff import DbsCheck, Staff, Supervision
from carehub.schemas.staff import DbsCheckIn, StaffCreate, StaffOut, SupervisionIn, TrainingRecordIn
from carehub.services import compliance_service, training_service

router = APIRouter(prefix="/api/staff", tags=["staff"])
hr = require_roles("manager", "coordinator")


@router.get("")
def list_staff(status: str = "active", area: str = None, db: Session = Depends(get_db), user=Depends(hr)):
    q = db.query(Staff).filter(Staff.status == status)
    if area:
        q = q.filter(Staff.area == area)
    return [StaffOut.from_orm(s) for s in q.order_by(Staff.last_name)]


@router.post("", response_model=StaffOut)
def onboard(body: StaffCreate, db: Session = Depends(get_db), user=Depends(require_roles("manager"))):
    return compliance_service.onboard_staff(db, body.dict())


@router.get("/{staff_id}/compliance")
def compliance(staff_id: int, db: Session = Depends(get_db), user=Depends(hr)):
    s = staff_crud.get_or_404(db, staff_id)
    return {"staff_id": s.id, "problems": compliance_service.compliance_status(db, s)}


@router.post("/{staff_id}/dbs")
def add_dbs(staff_id: int, body: DbsCheckIn, db: Session = Depends(get_db), user=Depends(hr)):
    d = DbsCheck(staff_id=staff_id, **body.dict())
    db.add(d)
    db.commit()
    return {"id": d.id}


@router.post("/{staff_id}/supervisions")
def add_supervision(staff_id: int, body: SupervisionIn, db: Session = Depends(get_db), user=Depends(hr)):
    from datetime import timedelta
    s = Supervision(staff_id=staff_id, supervisor_id=user.id, created_by_id=user.id,
                    next_due=body.held_on + timedelta(days=compliance_service.SUPERVISION_INTERVAL_DAYS),
                    **body.dict())
    db.add(s)
    db.commit()
    return {"id": s.id, "next_due": s.next_due}


@router.post("/{staff_id}/status", response_model=StaffOut)
def set_status(staff_id: int, status: str, db: Session = Depends(get_db), user=Depends(require_roles("manager"))):
    s = staff_crud.get_or_404(db, staff_id)
    if status == "active":
        s.status = "active"
        compliance_service.assert_can_work(db, s)  # raises -> rolled back
    elif status == "left":
        from carehub.services.scheduling_service import unassign_carer_visits
        unassign_carer_visits(db, s.id)
    s.status = status
    db.commit()
    return s


@router.post("/{staff_id}/training")
def record_training(staff_id: int, body: TrainingRecordIn, db: Session = Depends(get_db), user=Depends(hr)):
    rec = training_service.record_completion(db, staff_id, body.course_id, body.completed_on, body.provider)
    return {"id": rec.id, "status": rec.status}


@router.get("/training/expiring")
def expiring_training(days: int = 30, db: Session = Depends(get_db), user=Depends(hr)):
    return [{"staff_id": r.staff_id, "course": r.course.code, "expires_on": r.expires_on}
            for r in training_service.expiring_training(db, days)]
