from insure.dal.base import BaseRepository
from insure.models.quote import Quote, QuoteItem, UnderwritingReferral


class QuoteRepository(BaseRepository):
    model = Quote

    def by_reference(self, ref):
        return self.query().filter(Quote.reference == ref).first()

    def for_party(self, party_id):
        return self.query().filter(Quote.party_id == party_id).order_by(Quote.created_at.desc()).all()

    def expired_candidates(self, on_date):
        return (self.query()
                .filter(Quote.state.in_(("draft", "rated", "accepted")))
                .filter(Quote.valid_until < on_date)
                .all())

    def open_referrals(self):
        return (self.session.query(UnderwritingReferral)
                .filter(UnderwritingReferral.status == "open")
                .order_by(UnderwritingReferral.id)
                .all())

    def replace_items(self, quote, items):
        self.session.query(QuoteItem).filter(QuoteItem.quote_id == quote.id).delete()
        for item in items:
            item.quote_id = quote.id
            self.session.add(item)
