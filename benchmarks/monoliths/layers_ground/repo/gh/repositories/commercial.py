from datetime import date

from gh.models.billing import Airline, Contract, ContractRate, BillableEvent, Invoice
from gh.repositories.base import BaseRepository


class AirlineRepository(BaseRepository):
    model = Airline

    def by_iata(self, code):
        return Airline.query.filter_by(iata_code=code.upper()).first()


class InvoiceRepository(BaseRepository):
    model = Invoice

    def unpaid(self):
        return Invoice.query.filter(Invoice.status.in_(["ISSUED", "OVERDUE"])).all()

    def for_period(self, airline_id, period_start):
        return Invoice.query.filter_by(airline_id=airline_id, period_start=period_start).first()


def active_contract(airline_id, on=None):
    on = on or date.today()
    for c in Contract.query.filter_by(airline_id=airline_id).order_by(Contract.valid_from.desc()):
        if c.is_valid_on(on):
            return c
    return None


def rate_for(contract, service_code):
    return ContractRate.query.filter_by(contract_id=contract.id, service_code=service_code).first()


def uninvoiced_events(airline_id, start, end):
    return BillableEvent.query.filter(
        BillableEvent.airline_id == airline_id,
        BillableEvent.invoice_line_id.is_(None),
        BillableEvent.occurred_at >= start,
        BillableEvent.occurred_at < end).all()
