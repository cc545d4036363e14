import datetime as dt

from models.enforcement import Citation, Complaint, EnforcementCase, ViolationNotice
from repositories.base import BaseRepository


class CaseRepository(BaseRepository):
    model = EnforcementCase

    def open_for_parcel(self, parcel_id):
        return (self.query()
                .filter(EnforcementCase.parcel_id == parcel_id, EnforcementCase.status != "closed")
                .all())

    def for_officer(self, officer_id):
        return (self.query()
                .filter(EnforcementCase.officer_id == officer_id, EnforcementCase.status != "closed")
                .order_by(EnforcementCase.priority, EnforcementCase.opened_on)
                .all())

    def past_compliance_date(self, today):
        return (self.query().join(ViolationNotice)
                .filter(EnforcementCase.status == "notice_sent", ViolationNotice.comply_by < today)
                .distinct().all())


class CitationRepository(BaseRepository):
    model = Citation

    def by_number(self, number):
        return self.query().filter(Citation.number == number).first()
class ComplaintRepository(BaseRepository):
    model = Complaint

    def unassigned(self):
        return (self.query().filter(Complaint.status == "new")
                .order_by(Complaint.received_at).all())

    def recent_for_parcel(self, parcel_id, days=90):
        since = dt.datetime.utcnow() - dt.timedelta(days=days)
        return (self.query()
                .filter(Complaint.parcel_id == parcel_id, Complaint.received_at >= since)
                .all())
