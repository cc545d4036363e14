from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from carehub.crud.base import CRUDBase
from carehub.models.client import (Client, ClientContact, ClientNote, NeedsAssessment,
                                   AssessmentItem, RiskAssessment)
from carehub.utils.geo import normalise_postcode
from carehub.utils.legacy import legacy_ref


class CRUDClient(CRUDBase[Client]):

    def search(self, db, q=None, status=None, area=None, offset=0, limit=50):
        query = db.query(Client).filter(Client.is_deleted == False)  # noqa: E712
        if q:
            like = "%%%s%%" % q
            query = query.filter(or_(Client.first_name.ilike(like), Client.last_name.ilike(like),
                                     Client.reference.ilike(like), Client.postcode.ilike(like)))
        if status:
            query = query.filter(Client.status == status)
        if area:
            query = query.filter(Client.area == area)
        total = query.count()
        return total, query.order_by(Client.last_name).offset(offset).limit(limit).all()

    def create_client(self, db, data):
        data = dict(data)
        data["postcode"] = normalise_postcode(data.get("postcode"))
        client = Client(**data)
        db.add(client)
        db.flush()
        client.reference = legacy_ref("C", client.id)
        return client

    def active_clients(self, db, area=None):
        stmt = select(Client).where(Client.status == "active", Client.is_deleted.is_(False))
        if area:
            stmt = stmt.where(Client.area == area)
        return db.execute(stmt).scalars().all()


client_crud = CRUDClient(Client)


def invoice_contact(db: Session, client_id):
    return (db.query(ClientContact)
            .filter(ClientContact.client_id == client_id, ClientContact.receives_invoices == True)  # noqa
            .first())


def latest_assessment(db: Session, client_id):
    stmt = (select(NeedsAssessment)
            .where(NeedsAssessment.client_id == client_id, NeedsAssessment.status == "completed")
            .order_by(NeedsAssessment.assessed_on.desc()).limit(1))
    return db.execute(stmt).scalar_one_or_none()


def save_assessment(db: Session, client_id, user_id, data):
    items = data.pop("items", [])
    a = NeedsAssessment(client_id=client_id, assessed_by_id=user_id, created_by_id=user_id, **data)
    db.add(a)
    db.flush()
    for it in items:
        db.add(AssessmentItem(assessment_id=a.id, **it))
    return a


def add_note(db: Session, client_id, body, category="general", user_id=None, alert=False, visit_id=None):
    note = ClientNote(client_id=client_id, body=body, category=category, created_by_id=user_id,
                      is_alert=alert, visit_id=visit_id)
    db.add(note)
    return note
