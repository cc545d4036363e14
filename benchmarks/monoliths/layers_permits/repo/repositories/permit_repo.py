
from sqlalchemy import or_

from models.core import (Applicant, ApplicationStatus, Parcel, Permit,
                         PermitApplication)
from models.review import PlanReview
from repositories.base import BaseRepository


class PermitApplicationRepository(BaseRepository):
    model = PermitApplication

    def by_number(self, number):
        return self.query().filter(PermitApplication.number == number.strip().upper()).first()

    def search(self, status=None, permit_type=None, parcel_id=None, applicant_id=None, text=None):
        q = self.query()
        if status:
            q = q.filter(PermitApplication.status == status)
        if permit_type:
            q = q.filter(PermitApplication.permit_type == permit_type)
        if parcel_id:
            q = q.filter(PermitApplication.parcel_id == parcel_id)
        if applicant_id:
            q = q.filter(PermitApplication.applicant_id == applicant_id)
        if text:
            like = "%%%s%%" % text
            q = q.join(Parcel).filter(or_(PermitApplication.number.ilike(like),
                                          PermitApplication.description.ilike(like),
                                          Parcel.street_name.ilike(like)))
        return q.order_by(PermitApplication.created_at.desc())

    def open_for_parcel(self, parcel_id):
        return (self.query()
                .filter(PermitApplication.parcel_id == parcel_id)
                .filter(PermitApplication.status.in_(ApplicationStatus.OPEN))
                .all())

    def awaiting_review(self, reviewer_id):
        return (self.query().join(PlanReview)
                .filter(PlanReview.reviewer_id == reviewer_id, PlanReview.status == PlanReview.PENDING)
                .order_by(PermitApplication.expedited.desc(), PermitApplication.submitted_at)
                .all())


class PermitRepository(BaseRepository):
    model = Permit

    def by_number(self, number):
        return self.query().filter(Permit.number == number.strip().upper()).first()

    def expiring_between(self, start, end):
        return (self.query()
                .filter(Permit.status == Permit.ACTIVE, Permit.expires_on >= start, Permit.expires_on <= end)
                .all())

    def past_expiry(self, today):
        return self.query().filter(Permit.status == Permit.ACTIVE, Permit.expires_on < today).all()
class ParcelRepository(BaseRepository):
    model = Parcel

    def by_apn(self, apn):
        return self.query().filter(Parcel.apn == apn.strip()).first()

    def search_address(self, street_number, street_name):
        q = self.query().filter(Parcel.street_name.ilike("%%%s%%" % street_name.strip()))
        if street_number:
            q = q.filter(Parcel.street_number == str(street_number).strip())
        return q.limit(50).all()


class ApplicantRepository(BaseRepository):
    model = Applicant

    def by_email(self, email):
        return self.query().filter(Applicant.email == email.strip().lower()).first()
