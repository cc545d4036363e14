from decimal import Decimal

from sqlalchemy import func

from coop.models import (Buyer, BuyerInvoice, ContractDelivery, Pool,
                         PriceQuote, SalesContract)
from coop.repositories import BaseRepository


class BuyerRepository(BaseRepository):
    model = Buyer

    def by_code(self, code):
        return self.session.query(Buyer).filter_by(code=code.upper()).first()

    def exposure(self, buyer_id):
        """Unpaid invoice total -- checked against credit_limit."""
        return (
            self.session.query(func.coalesce(func.sum(BuyerInvoice.total), 0))
            .filter(BuyerInvoice.buyer_id == buyer_id,
                    BuyerInvoice.status.in_(("issued", "overdue")))
            .scalar()
        )


class ContractRepository(BaseRepository):
    model = SalesContract

    def by_number(self, contract_no):
        return self.session.query(SalesContract).filter_by(contract_no=contract_no).first()

    def open_contracts(self, commodity=None, grade_code=None):
        q = self.session.query(SalesContract).filter(SalesContract.status == "open")
        if commodity:
            q = q.filter(SalesContract.commodity == commodity)
        if grade_code:
            q = q.filter(SalesContract.grade_code == grade_code)
        return q.order_by(SalesContract.delivery_to).all()

    def delivered_kg(self, contract_id):
        return int(
            self.session.query(func.coalesce(func.sum(ContractDelivery.net_kg), 0))
            .filter(ContractDelivery.contract_id == contract_id)
            .scalar()
        )

    def uninvoiced_deliveries(self, contract_id):
        return (
            self.session.query(ContractDelivery)
            .filter_by(contract_id=contract_id, invoiced=False)
            .all()
        )

    def count_for_year(self, crop_year):
        return self.session.query(SalesContract).filter_by(crop_year=crop_year).count()


class PriceQuoteRepository(BaseRepository):
    model = PriceQuote

    def best_quote(self, commodity, grade_code, since):
        return (
            self.session.query(PriceQuote)
            .filter(PriceQuote.commodity == commodity,
                    PriceQuote.grade_code == grade_code,
                    PriceQuote.quote_date >= since)
            .order_by(PriceQuote.price_t.desc())
            .first()
        )


class PoolRepository(BaseRepository):
    # TODO move to ledger.py, it's a finance thing
    model = Pool

    def find(self, crop_year, commodity, grade_code):
        return (
            self.session.query(Pool)
            .filter_by(crop_year=crop_year, commodity=commodity, grade_code=grade_code)
            .first()
        )

    def find_or_create(self, crop_year, commodity, grade_code, initial_price=None):
        pool = self.find(crop_year, commodity, grade_code)
        if pool is None:
            pool = Pool(crop_year=crop_year, commodity=commodity, grade_code=grade_code,
                        initial_price_t=initial_price or Decimal("0"))
            self.session.add(pool)
            self.session.flush()
        return pool

    def open_pools(self, crop_year):
        return self.session.query(Pool).filter_by(crop_year=crop_year, closed=False).all()
