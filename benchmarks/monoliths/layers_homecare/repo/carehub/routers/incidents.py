from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from carehub.core.deps import get_current_user, get_db, require_roles
from carehub.crud.incident import open_incidents
from carehub.schemas.incident import IncidentCreate, IncidentOut, ReferralIn
from carehub.services import incident_service

router = APIRouter(prefix="/api/incidents", tags=["incidents"])


@router.post("", response_model=IncidentOut)
def create_incident(body: IncidentCreate, db: Session = Depends(get_db), user=Depends(get_current_user)):
    return incident_service.report_incident(db, body.dict(exclude={"body_map"}), reported_by=user.id)


@router.get("")
def list_open(client_id: int = None, severity: str = None, db: Session = Depends(get_db),
              user=Depends(require_roles("manager", "coordinator"))):
    return [IncidentOut.from_orm(i) for i in open_incidents(db, client_id, severity)]


@router.post("/{incident_id}/close", response_model=IncidentOut)
def close(incident_id: int, db: Session = Depends(get_db), user=Depends(require_roles("manager"))):
    return incident_service.close_incident(db, incident_id, user)


@router.post("/{incident_id}/safeguarding")
def refer(incident_id: int, body: ReferralIn, db: Session = Depends(get_db),
          user=Depends(require_roles("manager"))):
    ref = incident_service.raise_safeguarding_referral(db, incident_id, body.dict(), user)
    return {"id": ref.id}


