"""Invoice / payment data access."""
import datetime

from sqlalchemy import func, text

from freightly.models import (CreditNote, ExchangeRate, Invoice, InvoiceLine,
                              Payment, PaymentAllocation)
from freightly.repositories import BaseRepository


class InvoiceRepository(BaseRepository):
    model = Invoice

    def by_number(self, number):
        return self.query().filter(Invoice.number == number).first()

    def for_customer(self, customer_id, status=None):
        q = self.query().filter(Invoice.customer_id == customer_id)
        if status:
            q = q.filter(Invoice.status.in_(status if isinstance(status, (list, tuple))
                                            else [status]))
        return q.order_by(Invoice.issue_date.desc()).all()

    def for_shipment(self, shipment_id):
        return self.query().filter(Invoice.shipment_id == shipment_id,
                                   Invoice.status != "void").all()

    def overdue(self, as_of=None):
        as_of = as_of or datetime.date.today()
        return self.query().filter(Invoice.status.in_(("issued", "partial", "overdue")),
                                   Invoice.due_date < as_of).all()

    def open_balance(self, customer_id):
        """Open receivable for a customer, in invoice currency (mixed!)."""
        row = self.session.execute(text(
            "SELECT COALESCE(SUM(total_amount - paid_amount), 0) FROM invoices "
            "WHERE customer_id = :cid AND status IN ('issued', 'partial', 'overdue')"
        ), {"cid": customer_id}).fetchone()
        return row[0]

    def next_number(self, prefix, year):
        like = "%s%d%%" % (prefix, year)
        last = self.session.query(func.max(Invoice.number)).filter(
            Invoice.number.like(like)).scalar()
        seq = int(last[len(prefix) + 4:]) + 1 if last else 1
        return "%s%d%06d" % (prefix, year, seq)

    def add_line(self, invoice, **kwargs):
        line = InvoiceLine(invoice_id=invoice.id, **kwargs)
        self.session.add(line)
        return line


class PaymentRepository(BaseRepository):
    model = Payment

    def unallocated(self, customer_id=None):
        q = self.query().filter(Payment.unallocated > 0)
        if customer_id:
            q = q.filter(Payment.customer_id == customer_id)
        return q.order_by(Payment.received_on).all()

    def allocations_for_invoice(self, invoice_id):
        return self.session.query(PaymentAllocation).filter_by(invoice_id=invoice_id).all()

    def by_bank_reference(self, ref):
        return self.query().filter(Payment.bank_reference == ref).first()


class CreditNoteRepository(BaseRepository):
    model = CreditNote

    def next_number(self, prefix, year):
        like = "%s%d%%" % (prefix, year)
        last = self.session.query(func.max(CreditNote.number)).filter(
            CreditNote.number.like(like)).scalar()
        seq = int(last[len(prefix) + 4:]) + 1 if last else 1
        return "%s%d%05d" % (prefix, year, seq)


class ExchangeRateRepository(BaseRepository):
    model = ExchangeRate

    def latest(self, base, quote):
        return self.query().filter_by(base_currency=base, quote_currency=quote).order_by(
            ExchangeRate.rate_date.desc()).first()

    def upsert(self, base, quote, rate, rate_date, source="ECB"):
        existing = self.query().filter_by(base_currency=base, quote_currency=quote,
                                          rate_date=rate_date).first()
        if existing:
            existing.rate = rate
            return existing
        obj = ExchangeRate(base_currency=base, quote_currency=quote, rate=rate,
                           rate_date=rate_date, source=source)
        self.session.add(obj)
        return obj
