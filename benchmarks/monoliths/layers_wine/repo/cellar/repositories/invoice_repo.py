from datetime import date

from sqlalchemy import func

from cellar.db import execute_raw
from cellar.models.finance import Invoice, Payment
from cellar.repositories.base import BaseRepository


class InvoiceRepository(BaseRepository):
    model = Invoice

    def by_number(self, number):
        return Invoice.query.filter_by(number=number).first()

    def open_for_customer(self, customer_id):
        return (self.session.query(Invoice)
                .filter(Invoice.customer_id == customer_id,
                        Invoice.status.in_(["issued", "part_paid"]))
                .order_by(Invoice.due_date).all())

    def overdue(self, as_of=None):
        as_of = as_of or date.today()
        return (self.session.query(Invoice)
                .filter(Invoice.status.in_(["issued", "part_paid"]), Invoice.due_date < as_of)
                .all())

    def not_exported(self):
        return Invoice.query.filter(Invoice.exported_at.is_(None),
                                    Invoice.status != "draft").all()


class PaymentRepository(BaseRepository):
    model = Payment

    def unallocated(self, customer_id):
        return (Payment.query.filter(Payment.customer_id == customer_id,
                                     Payment.unallocated > 0).all())

    def total_received(self, start, end):
        return (self.session.query(func.sum(Payment.amount))
                .filter(Payment.received_on.between(start, end)).scalar()) or 0


def aged_debt_rows(as_of):
    sql = """
        SELECT c.account_code, c.name,
          SUM(CASE WHEN :d - i.due_date <= 0 THEN i.gross_total - i.amount_paid ELSE 0 END) AS current,
          SUM(CASE WHEN :d - i.due_date BETWEEN 1 AND 30 THEN i.gross_total - i.amount_paid ELSE 0 END) AS d30,
          SUM(CASE WHEN :d - i.due_date BETWEEN 31 AND 60 THEN i.gross_total - i.amount_paid ELSE 0 END) AS d60,
          SUM(CASE WHEN :d - i.due_date > 60 THEN i.gross_total - i.amount_paid ELSE 0 END) AS d90
        FROM invoices i JOIN customers c ON c.id = i.customer_id
        WHERE i.status IN ('issued', 'part_paid')
        GROUP BY c.account_code, c.name ORDER BY c.name
    """
    return execute_raw(sql, d=as_of)
