from sqlalchemy.orm import Session

from carehub.crud.base import CRUDBase
from carehub.models.incident import Incident, IncidentAction, SafeguardingReferral

incident_crud = CRUDBase(Incident)


def open_incidents(db: Session, client_id=None, severity=None):
    q = db.query(Incident).filter(Incident.status != "closed")
    if client_id:
        q = q.filter(Incident.client_id == client_id)
    if severity:
        q = q.filter(Incident.severity == severity)
    return q.order_by(Incident.occurred_at.desc()).all()


def add_action(db: Session, incident_id, description, owner_id=None, due_date=None):
    act = IncidentAction(incident_id=incident_id, description=description, owner_id=owner_id,
                         due_date=due_date)
    db.add(act)
    return act


