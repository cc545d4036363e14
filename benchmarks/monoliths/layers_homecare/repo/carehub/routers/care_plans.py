from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session

from carehub.core.deps import get_current_user, get_db, require_roles
from carehub.crud import care_plan as plan_repo
from carehub.models.care import Medication, MedicationSchedule
from carehub.schemas.care_plan import CarePlanCreate, CarePlanOut, MedicationIn
from carehub.services import care_plan_service

router = APIRouter(prefix="/api", tags=["care plans"])


@router.get("/clients/{client_id}/care-plan", response_model=CarePlanOut)
def current_plan(client_id: int, db: Session = Depends(get_db), user=Depends(get_current_user)):
    plan = plan_repo.get_active_plan(db, client_id)
    if not plan:
        raise HTTPException(404, "No active care plan")
    return plan


@router.post("/clients/{client_id}/care-plans", response_model=CarePlanOut)
def create_care_plan(client_id: int, body: CarePlanCreate, db: Session = Depends(get_db),
                     user=Depends(require_roles("manager", "coordinator"))):
    plan = plan_repo.create_plan(db, client_id, user.id, body.dict())
    db.commit()
    return plan


@router.post("/care-plans/{plan_id}/approve", response_model=CarePlanOut)
def approve(plan_id: int, db: Session = Depends(get_db), user=Depends(require_roles("manager"))):
    return care_plan_service.approve_plan(db, plan_id, user)


@router.post("/care-plan-reviews/{review_id}/complete")
def complete_review(review_id: int, notes: str = None, changes_required: bool = False,
                    db: Session = Depends(get_db), user=Depends(require_roles("manager", "coordinator"))):
    r = care_plan_service.complete_review(db, review_id, user, notes, changes_required)
    return {"id": r.id, "completed_on": r.completed_on}


@router.get("/clients/{client_id}/medications")
def list_medications(client_id: int, include_stopped: bool = False, db: Session = Depends(get_db),
                     user=Depends(get_current_user)):
    return plan_repo.client_medications(db, client_id, include_stopped)


@router.post("/clients/{client_id}/medications")
def add_medication(client_id: int, body: MedicationIn, slots: str = "morning",
                   db: Session = Depends(get_db), user=Depends(require_roles("manager", "senior_carer"))):
    med = Medication(client_id=client_id, created_by_id=user.id, **body.dict())
    db.add(med)
    db.flush()
    if not med.is_prn:
        for slot in slots.split(","):
            db.add(MedicationSchedule(medication_id=med.id, call_slot=slot.strip()))
    db.commit()
    return {"id": med.id}
