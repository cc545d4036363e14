from sqlalchemy import func, select

from rental.models import DepositHold, Invoice, Payment, PaymentStatus
from rental.repositories.base import BaseRepository


class PaymentRepository(BaseRepository):
    model = Payment

    def for_reservation(self, reservation_id):
        return list(self.db.scalars(select(Payment).where(Payment.reservation_id == reservation_id)))

    def paid_total(self, reservation_id):
        stmt = select(func.coalesce(func.sum(Payment.amount), 0)).where(
            Payment.reservation_id == reservation_id, Payment.status == PaymentStatus.SUCCEEDED)
        return self.db.scalar(stmt)

    def hold_for(self, reservation_id):
        stmt = select(DepositHold).where(DepositHold.reservation_id == reservation_id,
                                         DepositHold.status == "held")
        return self.db.scalar(stmt)

    def expired_holds(self, now):
        stmt = select(DepositHold).where(DepositHold.status == "held", DepositHold.expires_at < now)
        return list(self.db.scalars(stmt))


class InvoiceRepository(BaseRepository):
    model = Invoice

    def next_number(self, year):
        count = self.db.scalar(select(func.count(Invoice.id)).where(Invoice.number.like(f"INV{year}%")))
        return f"INV{year}{(count or 0) + 1:06d}"

    def unpaid_for_account(self, account_id):
        return list(self.db.scalars(select(Invoice).where(Invoice.account_id == account_id,
                                                          Invoice.paid.is_(False))))
