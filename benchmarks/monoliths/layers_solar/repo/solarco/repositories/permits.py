# Permits & interconnection data access.
# (named permits.py instead of permit_repo.py - historic, don't rename, imports everywhere)
from datetime import datetime
from typing import List, Optional

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from solarco.models.permit import (InspectionVisit, PermitApplication, PermitDocument,
                                   UtilityInterconnection)


class PermitRepository:
    def __init__(self, db: Session):
        self.db = db

    def get(self, permit_id: int) -> Optional[PermitApplication]:
        return self.db.get(PermitApplication, permit_id)

    def for_project(self, project_id: int) -> List[PermitApplication]:
        return list(self.db.scalars(select(PermitApplication)
                                    .where(PermitApplication.project_id == project_id)))

    def create(self, **values) -> PermitApplication:
        p = PermitApplication(**values)
        self.db.add(p)
        self.db.flush()
        return p

    def pending(self) -> List[PermitApplication]:
        return list(self.db.scalars(select(PermitApplication).where(
            PermitApplication.status.in_(("submitted", "corrections")))))

    def all_approved(self, project_id: int) -> bool:
        statuses = self.db.scalars(select(PermitApplication.status)
                                   .where(PermitApplication.project_id == project_id)).all()
        return bool(statuses) and all(s in ("approved", "closed") for s in statuses)

    def add_inspection(self, permit_id: int, scheduled_for: datetime, inspector: Optional[str] = None) -> InspectionVisit:
        v = InspectionVisit(permit_id=permit_id, scheduled_for=scheduled_for, inspector=inspector)
        self.db.add(v)
        self.db.flush()
        return v

    def last_inspection(self, permit_id: int) -> Optional[InspectionVisit]:
        return self.db.scalars(select(InspectionVisit).where(InspectionVisit.permit_id == permit_id)
                               .order_by(InspectionVisit.scheduled_for.desc())).first()

    def add_document(self, permit_id: int, doc_type: str, url: str) -> PermitDocument:
        d = PermitDocument(permit_id=permit_id, doc_type=doc_type, url=url, uploaded_at=datetime.utcnow())
        self.db.add(d)
        return d

    def documents(self, permit_id: int) -> List[PermitDocument]:
        return list(self.db.scalars(select(PermitDocument).where(PermitDocument.permit_id == permit_id)))

    def avg_days_to_approval(self, jurisdiction: str) -> Optional[float]:
        sql = """
            SELECT AVG(EXTRACT(EPOCH FROM (approved_at - submitted_at)) / 86400.0)
              FROM permit_applications
             WHERE jurisdiction = :j AND approved_at IS NOT NULL
        """
        v = self.db.execute(text(sql), {"j": jurisdiction}).scalar()
        return float(v) if v is not None else None


class InterconnectionRepository:
    def __init__(self, db: Session):
        self.db = db

    def for_project(self, project_id: int) -> Optional[UtilityInterconnection]:
        return self.db.scalars(select(UtilityInterconnection)
                               .where(UtilityInterconnection.project_id == project_id)).first()

    def by_ref(self, ref: str) -> Optional[UtilityInterconnection]:
        return self.db.scalars(select(UtilityInterconnection)
                               .where(UtilityInterconnection.application_ref == ref)).first()

    def create(self, **values) -> UtilityInterconnection:
        ic = UtilityInterconnection(**values)
        self.db.add(ic)
        self.db.flush()
        return ic

    def awaiting_utility(self) -> List[UtilityInterconnection]:
        return list(self.db.scalars(select(UtilityInterconnection).where(
            UtilityInterconnection.status.in_(("submitted", "approved", "meter_swap")))))
