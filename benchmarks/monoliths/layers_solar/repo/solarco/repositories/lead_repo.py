"""Leads, referral partners and quotes."""
from datetime import date, datetime, timedelta
from typing import List, Optional

from sqlalchemy import func, or_, select, text, update
from sqlalchemy.orm import Session, selectinload

from solarco.core.utils import normalize_email
from solarco.models.lead import Lead, LeadActivity, Quote, QuoteLineItem, ReferralPartner
from solarco.repositories.base import BaseRepository


class LeadRepository(BaseRepository[Lead]):
    model = Lead

    def find_by_email(self, email: str) -> Optional[Lead]:
        stmt = select(Lead).where(func.lower(Lead.email) == normalize_email(email))
        return self.db.scalars(stmt).first()

    def find_duplicate(self, email: Optional[str], phone: Optional[str],
                       address_line1: Optional[str]) -> Optional[Lead]:
        clauses = []
        if email:
            clauses.append(func.lower(Lead.email) == normalize_email(email))
        if phone:
            clauses.append(Lead.phone == phone)
        if address_line1:
            clauses.append(func.lower(Lead.address_line1) == address_line1.strip().lower())
        if not clauses:
            return None
        stmt = select(Lead).where(or_(*clauses)).where(Lead.status != "lost").limit(1)
        return self.db.scalars(stmt).first()

    def search(self, q: str, limit: int = 25) -> List[Lead]:
        like = f"%{q.lower()}%"
        stmt = (
            select(Lead)
            .where(or_(func.lower(Lead.last_name).like(like),
                       func.lower(Lead.email).like(like),
                       Lead.phone.like(like),
                       func.lower(Lead.address_line1).like(like)))
            .order_by(Lead.id.desc())
            .limit(limit)
        )
        return list(self.db.scalars(stmt))

    def by_status(self, status: str, rep: Optional[str] = None) -> List[Lead]:
        stmt = select(Lead).where(Lead.status == status)
        if rep:
            stmt = stmt.where(Lead.assigned_rep == rep)
        return list(self.db.scalars(stmt.order_by(Lead.created_at)))

    def stale(self, days: int = 14) -> List[Lead]:
        cutoff = datetime.utcnow() - timedelta(days=days)
        last_touch = (
            select(LeadActivity.lead_id, func.max(LeadActivity.created_at).label("last_at"))
            .group_by(LeadActivity.lead_id)
            .subquery()
        )
        stmt = (
            select(Lead)
            .outerjoin(last_touch, last_touch.c.lead_id == Lead.id)
            .where(Lead.status.in_(("new", "contacted", "qualified")))
            .where(func.coalesce(last_touch.c.last_at, Lead.created_at) < cutoff)
        )
        return list(self.db.scalars(stmt))

    def add_activity(self, lead_id: int, kind: str, note: str, by: Optional[str] = None) -> LeadActivity:
        act = LeadActivity(lead_id=lead_id, kind=kind, note=note, created_by=by)
        self.db.add(act)
        self.db.flush()
        return act

    def rep_load(self) -> dict:
        rows = self.db.execute(
            select(Lead.assigned_rep, func.count(Lead.id))
            .where(Lead.status.in_(("new", "contacted", "qualified", "survey_booked")))
            .group_by(Lead.assigned_rep)
        ).all()
        return {rep: n for rep, n in rows if rep}


class ReferralPartnerRepository(BaseRepository[ReferralPartner]):
    model = ReferralPartner

    def active(self) -> List[ReferralPartner]:
        return list(self.db.scalars(select(ReferralPartner).where(ReferralPartner.active.is_(True))
                                    .order_by(ReferralPartner.name)))


class QuoteRepository(BaseRepository[Quote]):
    model = Quote

    def get_with_lines(self, quote_id: int) -> Optional[Quote]:
        stmt = select(Quote).options(selectinload(Quote.lines)).where(Quote.id == quote_id)
        return self.db.scalars(stmt).first()

    def by_number(self, number: str) -> Optional[Quote]:
        return self.db.scalars(select(Quote).where(Quote.number == number)).first()

    def for_lead(self, lead_id: int) -> List[Quote]:
        return list(self.db.scalars(select(Quote).where(Quote.lead_id == lead_id)
                                    .order_by(Quote.revision.desc())))

    def next_number(self) -> str:
        # Postgres sequence created by hand in 2019, not in the models
        seq = self.db.execute(text("SELECT nextval('quote_number_seq')")).scalar()
        return f"Q-{date.today():%y}{seq:05d}"

    def expired_candidates(self, today: date) -> List[Quote]:
        stmt = select(Quote).where(Quote.status == "sent", Quote.valid_until < today)
        return list(self.db.scalars(stmt))

    def supersede_others(self, lead_id: int, keep_id: int) -> int:
        stmt = (
            update(Quote)
            .where(Quote.lead_id == lead_id, Quote.id != keep_id,
                   Quote.status.in_(("draft", "sent")))
            .values(status="superseded")
        )
        return self.db.execute(stmt).rowcount

    def add_line(self, quote: Quote, **values) -> QuoteLineItem:
        line = QuoteLineItem(quote_id=quote.id, **values)
        self.db.add(line)
        self.db.flush()
        return line

    def clear_lines(self, quote_id: int) -> None:
        self.db.execute(text("DELETE FROM quote_line_items WHERE quote_id = :q"), {"q": quote_id})
