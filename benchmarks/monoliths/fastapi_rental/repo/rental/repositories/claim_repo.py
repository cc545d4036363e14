from sqlalchemy import select

from rental.models import Claim, ClaimStatus, InsurancePolicy
from rental.repositories.base import BaseRepository


class ClaimRepository(BaseRepository):
    model = Claim

    def open_claims(self, older_than=None):
        q = self.query().filter(Claim.status.in_([ClaimStatus.OPEN, ClaimStatus.SUBMITTED]))
        if older_than is not None:
            q = q.filter(Claim.created_at < older_than)
        return q.all()

    def for_damage(self, damage_report_id):
        return self.db.scalar(select(Claim).where(Claim.damage_report_id == damage_report_id))


class PolicyRepository(BaseRepository):
    model = InsurancePolicy

    def active_for_category(self, category_id, on_date):
        stmt = select(InsurancePolicy).where(
            (InsurancePolicy.category_id == category_id) | (InsurancePolicy.category_id.is_(None)),
            InsurancePolicy.valid_from <= on_date, InsurancePolicy.valid_to >= on_date,
        ).order_by(InsurancePolicy.category_id.is_(None))
        return self.db.scalar(stmt)
