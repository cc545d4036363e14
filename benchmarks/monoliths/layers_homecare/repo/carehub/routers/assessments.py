from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from carehub.core.deps import get_current_user, get_db, require_roles
from carehub.crud.client import save_assessment
from carehub.models.client import RiskAssessment
from carehub.schemas.client import AssessmentIn, AssessmentOut, RiskAssessmentIn
from carehub.services import assessment_service

router = APIRouter(prefix="/api/clients/{client_id}/assessments", tags=["assessments"])


@router.post("", response_model=AssessmentOut)
def create_assessment(client_id: int, body: AssessmentIn, db: Session = Depends(get_db),
                      user=Depends(require_roles("manager", "coordinator", "senior_carer"))):
    data = body.dict()
    data["items"] = [i for i in data.get("items", [])]
    a = save_assessment(db, client_id, user.id, data)
    db.commit()
    return a


@router.post("/{assessment_id}/complete", response_model=AssessmentOut)
def complete_assessment(client_id: int, assessment_id: int, db: Session = Depends(get_db),
                        user=Depends(require_roles("manager", "coordinator"))):
    return assessment_service.complete_assessment(db, assessment_id, user)


@router.post("/risks")
def add_risk(client_id: int, body: RiskAssessmentIn, db: Session = Depends(get_db),
             user=Depends(require_roles("manager", "coordinator", "senior_carer"))):
    # supersede previous of the same type
    db.query(RiskAssessment).filter(RiskAssessment.client_id == client_id,
                                    RiskAssessment.risk_type == body.risk_type).update({"is_current": False})
    r = RiskAssessment(client_id=client_id, created_by_id=user.id, **body.dict())
    db.add(r)
    db.commit()
    return {"id": r.id, "rating": r.rating}
