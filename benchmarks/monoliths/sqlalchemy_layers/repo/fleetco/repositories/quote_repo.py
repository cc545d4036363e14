from datetime import date

from sqlalchemy import update

from fleetco.common.base_repository import BaseRepository
from fleetco.models.accounts import RateCard
from fleetco.models.orders import Quote, QuoteStatus


class QuoteRepository(BaseRepository):
    model = Quote

    def by_reference(self, reference):
        return self.session.query(Quote).filter(Quote.reference == reference).one_or_none()

    def expire_older_than(self, today=None):
        today = today or date.today()
        stmt = (
            update(Quote)
            .where(Quote.valid_until < today)
            .where(Quote.status.in_([QuoteStatus.DRAFT, QuoteStatus.SENT]))
            .values(status=QuoteStatus.EXPIRED)
        )
        return self.session.execute(stmt).rowcount


class RateCardRepository(BaseRepository):
    model = RateCard

    def default_card(self):
        return self.session.query(RateCard).filter_by(name="STANDARD", active=True).first()
