"""Finance models: invoices, payments, credit.

Also holds CreditLimit (customer credit control) and ClaimSettlement because
accounting wanted all "money tables" in one place back in 2019.
"""
from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Integer,
                        Numeric, String, Text, UniqueConstraint)
from sqlalchemy.orm import relationship

from freightly.models import Base, TimestampMixin

__all__ = [
    "Invoice", "InvoiceLine", "Payment", "PaymentAllocation", "CreditNote",
    "TaxRate", "ExchangeRate", "CreditLimit", "ClaimSettlement",
]


class Invoice(Base, TimestampMixin):
    __tablename__ = "invoices"

    id = Column(Integer, primary_key=True)
    number = Column(String(20), unique=True)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    shipment_id = Column(Integer, ForeignKey("shipments.id"))
    issue_date = Column(Date)
    due_date = Column(Date)
    currency = Column(String(3), default="EUR")
    net_amount = Column(Numeric(12, 2), default=0)
    tax_amount = Column(Numeric(12, 2), default=0)
    total_amount = Column(Numeric(12, 2), default=0)
    paid_amount = Column(Numeric(12, 2), default=0)
    status = Column(String(10), default="draft")  # draft, issued, partial, paid, overdue, void
    reminder_level = Column(Integer, default=0)
    pdf_key = Column(String(255))

    lines = relationship("InvoiceLine", backref="invoice", cascade="all, delete-orphan")

    @property
    def open_amount(self):
        return (self.total_amount or 0) - (self.paid_amount or 0)


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"

    id = Column(Integer, primary_key=True)
    invoice_id = Column(Integer, ForeignKey("invoices.id"), nullable=False)
    charge_code = Column(String(10))  # FRT, THC, DOC, CUS, DUTY, STOR...
    description = Column(String(255))
    quantity = Column(Numeric(10, 3), default=1)
    unit_price = Column(Numeric(12, 2))
    amount = Column(Numeric(12, 2))
    tax_code = Column(String(6))
    tax_amount = Column(Numeric(12, 2), default=0)


class Payment(Base, TimestampMixin):
    __tablename__ = "payments"

    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    received_on = Column(Date)
    amount = Column(Numeric(12, 2), nullable=False)
    currency = Column(String(3), default="EUR")
    method = Column(String(10))  # sepa, wire, card, cheque
    bank_reference = Column(String(80))
    payer_iban = Column(String(34))
    unallocated = Column(Numeric(12, 2))


class PaymentAllocation(Base):
    __tablename__ = "payment_allocations"

    id = Column(Integer, primary_key=True)
    payment_id = Column(Integer, ForeignKey("payments.id"), nullable=False)
    invoice_id = Column(Integer, ForeignKey("invoices.id"), nullable=False)
    amount = Column(Numeric(12, 2), nullable=False)
    allocated_at = Column(DateTime)


class CreditNote(Base, TimestampMixin):
    __tablename__ = "credit_notes"

    id = Column(Integer, primary_key=True)
    number = Column(String(20), unique=True)
    invoice_id = Column(Integer, ForeignKey("invoices.id"))
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    amount = Column(Numeric(12, 2), nullable=False)
    currency = Column(String(3), default="EUR")
    reason = Column(Text)
    source = Column(String(12))  # manual, claim, rebate
    issued_on = Column(Date)


class TaxRate(Base):
    __tablename__ = "tax_rates"
    __table_args__ = (UniqueConstraint("country", "code", "valid_from"),)

    id = Column(Integer, primary_key=True)
    country = Column(String(2), nullable=False)
    code = Column(String(6), nullable=False)  # STD, RED, ZERO, RC (reverse charge)
    percent = Column(Numeric(5, 2), nullable=False)
    valid_from = Column(Date)
    valid_to = Column(Date)


class ExchangeRate(Base):
    __tablename__ = "exchange_rates"

    id = Column(Integer, primary_key=True)
    base_currency = Column(String(3), nullable=False)
    quote_currency = Column(String(3), nullable=False)
    rate = Column(Numeric(14, 6), nullable=False)
    rate_date = Column(Date, nullable=False)
    source = Column(String(10), default="ECB")


class CreditLimit(Base, TimestampMixin):
    __tablename__ = "credit_limits"

    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False, unique=True)
    limit_amount = Column(Numeric(12, 2), nullable=False)
    currency = Column(String(3), default="EUR")
    insured = Column(Boolean, default=False)
    insurer_ref = Column(String(40))
    review_date = Column(Date)
    approved_by = Column(String(80))


class ClaimSettlement(Base, TimestampMixin):
    __tablename__ = "claim_settlements"

    id = Column(Integer, primary_key=True)
    claim_id = Column(Integer, ForeignKey("claims.id"), nullable=False)
    amount = Column(Numeric(12, 2), nullable=False)
    currency = Column(String(3), default="EUR")
    settled_on = Column(Date)
    method = Column(String(12))  # credit_note, payout, insurer
    credit_note_id = Column(Integer, ForeignKey("credit_notes.id"))
    insurer_ref = Column(String(40))
    approved_by = Column(String(80))
