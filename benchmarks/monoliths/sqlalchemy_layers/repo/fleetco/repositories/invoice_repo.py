from datetime import date

from sqlalchemy import func, select, update

from fleetco.common.base_repository import BaseRepository
from fleetco.models.billing import Invoice, InvoiceStatus, Payment


class InvoiceRepository(BaseRepository):
    model = Invoice

    def by_number(self, number):
        return self.session.query(Invoice).filter(Invoice.number == number).one_or_none()

    def next_sequence(self, year):
        stmt = select(func.count(Invoice.id)).where(
            func.extract("year", Invoice.issued_on) == year
        )
        return (self.session.execute(stmt).scalar() or 0) + 1

    def overdue(self, today=None):
        today = today or date.today()
        return (
            self.session.query(Invoice)
            .filter(Invoice.status.in_([InvoiceStatus.ISSUED, InvoiceStatus.OVERDUE]))
            .filter(Invoice.due_on < today)
            .all()
        )

    def mark_overdue(self, ids):
        stmt = update(Invoice).where(Invoice.id.in_(ids)).values(status=InvoiceStatus.OVERDUE)
        return self.session.execute(stmt).rowcount

    def for_shipment(self, shipment_id):
        return self.session.query(Invoice).filter_by(shipment_id=shipment_id).first()


class PaymentRepository(BaseRepository):
    model = Payment

    def by_bank_ref(self, bank_ref):
        return self.session.query(Payment).filter_by(bank_ref=bank_ref).first()
