from datetime import date
from decimal import Decimal
from typing import List, Optional

from sqlalchemy import func, select, text

from solarco.models.billing import FinanceApplication, Invoice, InvoiceLine, LoanProduct, Payment
from solarco.repositories.base import BaseRepository


class InvoiceRepository(BaseRepository[Invoice]):
    model = Invoice

    def by_number(self, number: str) -> Optional[Invoice]:
        return self.db.scalars(select(Invoice).where(Invoice.number == number)).first()

    def for_project(self, project_id: int) -> List[Invoice]:
        return list(self.db.scalars(select(Invoice).where(Invoice.project_id == project_id)
                                    .order_by(Invoice.issue_date)))

    def for_lead(self, lead_id: int) -> List[Invoice]:
        return list(self.db.scalars(select(Invoice).where(Invoice.lead_id == lead_id)))

    def overdue(self, today: date) -> List[Invoice]:
        stmt = select(Invoice).where(Invoice.status.in_(("open", "partially_paid")),
                                     Invoice.due_date < today)
        return list(self.db.scalars(stmt.order_by(Invoice.due_date)))

    def next_number(self, prefix: str = "INV") -> str:
        seq = self.db.execute(text("SELECT nextval('invoice_number_seq')")).scalar()
        return f"{prefix}-{seq:06d}"

    def add_line(self, invoice: Invoice, description: str, qty, unit_price) -> InvoiceLine:
        amount = Decimal(str(qty)) * Decimal(str(unit_price))
        line = InvoiceLine(invoice_id=invoice.id, description=description, qty=qty,
                           unit_price=unit_price, amount=amount)
        self.db.add(line)
        return line

    def has_kind(self, project_id: int, kind: str) -> bool:
        return self.db.execute(select(func.count(Invoice.id)).where(
            Invoice.project_id == project_id, Invoice.kind == kind,
            Invoice.status != "void")).scalar_one() > 0


class PaymentRepository(BaseRepository[Payment]):
    model = Payment

    def for_invoice(self, invoice_id: int) -> List[Payment]:
        return list(self.db.scalars(select(Payment).where(Payment.invoice_id == invoice_id)))

    def total_for_invoice(self, invoice_id: int) -> Decimal:
        v = self.db.execute(select(func.coalesce(func.sum(Payment.amount), 0))
                            .where(Payment.invoice_id == invoice_id)).scalar_one()
        return Decimal(str(v))

    def by_reference(self, reference: str) -> Optional[Payment]:
        return self.db.scalars(select(Payment).where(Payment.reference == reference)).first()


class FinanceRepository(BaseRepository[FinanceApplication]):
    model = FinanceApplication

    def loan_products(self, active_only: bool = True) -> List[LoanProduct]:
        stmt = select(LoanProduct)
        if active_only:
            stmt = stmt.where(LoanProduct.active.is_(True))
        return list(self.db.scalars(stmt.order_by(LoanProduct.apr)))

    def loan_product(self, product_id: int) -> Optional[LoanProduct]:
        return self.db.get(LoanProduct, product_id)

    def by_external_ref(self, ref: str) -> Optional[FinanceApplication]:
        return self.db.scalars(select(FinanceApplication)
                               .where(FinanceApplication.external_ref == ref)).first()

    def for_quote(self, quote_id: int) -> List[FinanceApplication]:
        return list(self.db.scalars(select(FinanceApplication)
                                    .where(FinanceApplication.quote_id == quote_id)))
