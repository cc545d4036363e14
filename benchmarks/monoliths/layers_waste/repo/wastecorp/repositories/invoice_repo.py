import datetime as dt

from sqlalchemy import text

from wastecorp.models.billing import (Invoice, InvoiceLine, Payment, Tariff,
                                      CreditNote, BillingRun)
from wastecorp.repositories.base_repo import BaseRepository


class InvoiceRepository(BaseRepository):
    model = Invoice

    def by_number(self, invoice_no):
        return self.query().filter(Invoice.invoice_no == invoice_no).first()

    def for_customer(self, customer_id, status=None):
        q = self.query().filter(Invoice.customer_id == customer_id)
        if status:
            q = q.filter(Invoice.status == status)
        return q.order_by(Invoice.issue_date.desc())

    def overdue(self, as_of=None):
        as_of = as_of or dt.date.today()
        return (self.query().filter(Invoice.status.in_(("POSTED", "PART_PAID")))
                .filter(Invoice.due_date < as_of).all())

    def not_exported(self):
        return (self.query().filter(Invoice.status != "DRAFT")
                .filter(Invoice.exported_to_sage == False).all())  # noqa: E712

    def next_invoice_no(self):
        row = self.session.execute(text(
            "SELECT MAX(CAST(SUBSTR(invoice_no, 4) AS INTEGER)) FROM invoices "
            "WHERE invoice_no LIKE 'INV%'")).fetchone()
        return "INV%07d" % ((row[0] or 0) + 1)

    def next_credit_no(self):
        count = self.session.query(CreditNote).count()
        return "CRN%07d" % (count + 1)

    def lines(self, invoice_id):
        return (self.session.query(InvoiceLine)
                .filter(InvoiceLine.invoice_id == invoice_id).all())

    def latest_run(self):
        return self.session.query(BillingRun).order_by(BillingRun.id.desc()).first()


class PaymentRepository(BaseRepository):
    model = Payment

    def unapplied(self):
        return self.query().filter(Payment.unapplied == True).all()  # noqa: E712

    def by_reference(self, reference):
        return self.query().filter(Payment.reference == reference).first()


class TariffRepository(BaseRepository):
    model = Tariff

    def current(self, on_date=None):
        on_date = on_date or dt.date.today()
        return (self.query().filter(Tariff.valid_from <= on_date)
                .filter((Tariff.valid_to == None) | (Tariff.valid_to >= on_date))  # noqa: E711
                .order_by(Tariff.code).all())


def aged_debt_rows(session, as_of):
    sql = text("""
        SELECT c.account_no, c.name, i.invoice_no, i.due_date,
               i.gross_total - COALESCE(i.amount_paid, 0) AS outstanding,
               :as_of - i.due_date AS days_overdue
          FROM invoices i
          JOIN customers c ON c.id = i.customer_id
         WHERE i.status IN ('POSTED', 'PART_PAID')
           AND i.gross_total > COALESCE(i.amount_paid, 0)
         ORDER BY c.account_no, i.due_date
    """)
    return [dict(r._mapping) for r in session.execute(sql, {"as_of": as_of})]
