from sqlalchemy import (Column, Integer, String, Date, DateTime, Boolean,
                        ForeignKey, Numeric, Text)
from sqlalchemy.orm import relationship

from wastecorp.extensions import db
from wastecorp.models import TimestampMixin, AuditMixin

__all__ = ["Tariff", "BillingRun", "Invoice", "InvoiceLine", "Payment",
           "CreditNote", "DunningNotice"]

INVOICE_STATUSES = ("DRAFT", "POSTED", "PAID", "PART_PAID", "VOID", "WRITTEN_OFF")


class Tariff(db.Model):
    __tablename__ = "tariffs"

    id = Column(Integer, primary_key=True)
    code = Column(String(20), nullable=False, index=True)
    description = Column(String(200))
    charge_basis = Column(String(12), default="LIFT")  # LIFT, RENTAL, TONNE, FIXED
    price_per_lift = Column(Numeric(10, 2))
    rental_per_month = Column(Numeric(10, 2))
    price_per_tonne = Column(Numeric(10, 2))
    minimum_charge = Column(Numeric(10, 2))
    vat_rate = Column(Numeric(4, 3), default=0.2)
    valid_from = Column(Date, nullable=False)
    valid_to = Column(Date)


class BillingRun(db.Model):
    __tablename__ = "billing_runs"

    id = Column(Integer, primary_key=True)
    period_start = Column(Date, nullable=False)
    period_end = Column(Date, nullable=False)
    started_at = Column(DateTime)
    finished_at = Column(DateTime)
    status = Column(String(12), default="RUNNING")
    invoice_count = Column(Integer, default=0)
    total_net = Column(Numeric(14, 2))
    run_by = Column(String(64))


class Invoice(db.Model, TimestampMixin, AuditMixin):
    __tablename__ = "invoices"

    id = Column(Integer, primary_key=True)
    invoice_no = Column(String(16), unique=True)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    contract_id = Column(Integer, ForeignKey("contracts.id"))
    billing_run_id = Column(Integer, ForeignKey("billing_runs.id"))
    issue_date = Column(Date)
    due_date = Column(Date)
    period_start = Column(Date)
    period_end = Column(Date)
    net_total = Column(Numeric(12, 2), default=0)
    vat_total = Column(Numeric(12, 2), default=0)
    gross_total = Column(Numeric(12, 2), default=0)
    amount_paid = Column(Numeric(12, 2), default=0)
    status = Column(String(12), default="DRAFT")
    exported_to_sage = Column(Boolean, default=False)
    is_final = Column(Boolean, default=False)

    lines = relationship("InvoiceLine", back_populates="invoice",
                         cascade="all, delete-orphan")
    payments = relationship("Payment", back_populates="invoice")

    @property
    def outstanding(self):
        return (self.gross_total or 0) - (self.amount_paid or 0)


class InvoiceLine(db.Model):
    __tablename__ = "invoice_lines"

    id = Column(Integer, primary_key=True)
    invoice_id = Column(Integer, ForeignKey("invoices.id"), nullable=False)
    contract_service_id = Column(Integer, ForeignKey("contract_services.id"))
    ticket_id = Column(Integer, ForeignKey("weighbridge_tickets.id"))
    description = Column(String(250))
    quantity = Column(Numeric(12, 3))
    unit_price = Column(Numeric(10, 4))
    net_amount = Column(Numeric(12, 2))
    vat_rate = Column(Numeric(4, 3))
    vat_amount = Column(Numeric(12, 2))
    nominal_code = Column(String(10), default="4000")

    invoice = relationship("Invoice", back_populates="lines")


class Payment(db.Model, TimestampMixin):
    __tablename__ = "payments"

    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    invoice_id = Column(Integer, ForeignKey("invoices.id"))
    received_on = Column(Date, nullable=False)
    amount = Column(Numeric(12, 2), nullable=False)
    method = Column(String(12))      # BACS, DD, CARD, CHEQUE
    reference = Column(String(60))
    unapplied = Column(Boolean, default=False)

    invoice = relationship("Invoice", back_populates="payments")


class CreditNote(db.Model, TimestampMixin):
    __tablename__ = "credit_notes"

    id = Column(Integer, primary_key=True)
    credit_no = Column(String(16), unique=True)
    invoice_id = Column(Integer, ForeignKey("invoices.id"))
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    reason = Column(String(200))
    net_amount = Column(Numeric(12, 2))
    vat_amount = Column(Numeric(12, 2))
    missed_collection_id = Column(Integer, ForeignKey("missed_collections.id"))
    issued_on = Column(Date)


class DunningNotice(db.Model):
    __tablename__ = "dunning_notices"

    id = Column(Integer, primary_key=True)
    invoice_id = Column(Integer, ForeignKey("invoices.id"), nullable=False)
    level = Column(Integer, default=1)   # 1 reminder, 2 final, 3 stop/legal
    sent_at = Column(DateTime)
    channel = Column(String(10), default="EMAIL")
    body = Column(Text)
