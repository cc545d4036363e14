from sqlalchemy import func

from models.core import Inspection
from models.inspection import InspectionRequest, InspectionType
from repositories.base import BaseRepository


class InspectionRepository(BaseRepository):
    model = Inspection

    def for_permit(self, permit_id):
        return self.query().filter(Inspection.permit_id == permit_id).order_by(Inspection.scheduled_for).all()

    def for_inspector_on(self, inspector_id, day):
        return (self.query()
                .filter(Inspection.inspector_id == inspector_id, Inspection.scheduled_for == day)
                .filter(Inspection.status == "scheduled")
                .order_by(Inspection.window, Inspection.route_order)
                .all())

    def booked_count(self, inspector_id, day):
        return (self.session.query(func.count(Inspection.id))
                .filter(Inspection.inspector_id == inspector_id, Inspection.scheduled_for == day)
                .filter(Inspection.status == "scheduled")
                .scalar())

    def open_for_permit(self, permit_id):
        return self.query().filter(Inspection.permit_id == permit_id, Inspection.status == "scheduled").all()

    def passed_type_codes(self, permit_id):
        rows = (self.session.query(InspectionType.code)
                .join(Inspection, Inspection.inspection_type_id == InspectionType.id)
                .filter(Inspection.permit_id == permit_id, Inspection.outcome == "pass")
                .all())
        return {r[0] for r in rows}

    def failed_count(self, permit_id, type_id):
        return (self.session.query(func.count(Inspection.id))
                .filter(Inspection.permit_id == permit_id, Inspection.inspection_type_id == type_id)
                .filter(Inspection.outcome == "fail")
                .scalar())


class InspectionRequestRepository(BaseRepository):
    model = InspectionRequest

    def pending(self):
        return (self.query().filter(InspectionRequest.status == "pending")
                .order_by(InspectionRequest.preferred_date, InspectionRequest.created_at).all())

    def stale(self, before):
        return (self.query()
                .filter(InspectionRequest.status == "pending", InspectionRequest.preferred_date < before)
                .all())


class InspectionTypeRepository(BaseRepository):
    model = InspectionType

    def by_code(self, code):
        return self.query().filter(InspectionType.code == code.upper()).first()

    def for_permit_type(self, permit_type):
        types = self.query().filter(InspectionType.active.is_(True)).order_by(InspectionType.sequence).all()
        return [t for t in types if t.applies_to(permit_type)]
