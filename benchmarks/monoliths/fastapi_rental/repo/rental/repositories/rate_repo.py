from sqlalchemy import or_, select

from rental.models import ExtraProduct, PromoCode, RatePlan, SeasonRule
from rental.repositories.base import BaseRepository


class RateRepository(BaseRepository):
    model = RatePlan

    def plan_for(self, category_id, branch_id, on_date):
        stmt = select(RatePlan).where(
            RatePlan.category_id == category_id,
            or_(RatePlan.branch_id == branch_id, RatePlan.branch_id.is_(None)),
            RatePlan.valid_from <= on_date,
            or_(RatePlan.valid_to.is_(None), RatePlan.valid_to >= on_date),
        ).order_by(RatePlan.branch_id.is_(None), RatePlan.valid_from.desc())  # branch-specific first
        return self.db.scalar(stmt)

    def seasons(self, rate_plan_id):
        stmt = select(SeasonRule).where(SeasonRule.rate_plan_id == rate_plan_id)
        return list(self.db.scalars(stmt.order_by(SeasonRule.starts_on)))

    def extras(self, codes):
        if not codes:
            return []
        stmt = select(ExtraProduct).where(ExtraProduct.code.in_(codes), ExtraProduct.active.is_(True))
        return list(self.db.scalars(stmt))


class PromoRepository(BaseRepository):
    model = PromoCode

    def by_code(self, code):
        return self.db.scalar(select(PromoCode).where(PromoCode.code == code.strip().upper()))
