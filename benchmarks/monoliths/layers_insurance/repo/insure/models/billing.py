from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import relationship

from insure.db import Base
from insure.models.base import AuditMixin, Money, ReprMixin, TimestampMixin


class BillingAccount(Base, TimestampMixin):
    __tablename__ = "billing_accounts"

    id = Column(Integer, primary_key=True)
    payer_id = Column(Integer, ForeignKey("parties.id"), nullable=False)
    method = Column(String(12), default="invoice")  # invoice | direct_debit | card
    mandate_ref = Column(String(40))
    iban = Column(String(40))
    balance = Money()
    dunning_level = Column(Integer, default=0)
    on_hold = Column(Integer, default=0)

    invoices = relationship("Invoice", back_populates="account")
    payments = relationship("Payment", back_populates="account")


class Invoice(Base, AuditMixin, ReprMixin):
    __tablename__ = "invoices"

    id = Column(Integer, primary_key=True)
    number = Column(String(20), unique=True, nullable=False)
    account_id = Column(Integer, ForeignKey("billing_accounts.id"), nullable=False, index=True)
    policy_id = Column(Integer, ForeignKey("policies.id"), nullable=False, index=True)
    period_start = Column(Date)
    period_end = Column(Date)
    net_amount = Money()
    tax_amount = Money()
    total = Money()
    paid_amount = Money()
    due_date = Column(Date, nullable=False)
    status = Column(String(10), default="open")  # open | paid | partial | void | written_off
    kind = Column(String(12), default="premium")  # premium | endorsement | credit_note

    account = relationship("BillingAccount", back_populates="invoices")
    instalments = relationship("Instalment", back_populates="invoice", order_by="Instalment.due_date")

    @property
    def outstanding(self):
        return (self.total or 0) - (self.paid_amount or 0)


class Instalment(Base):
    __tablename__ = "instalments"

    id = Column(Integer, primary_key=True)
    invoice_id = Column(Integer, ForeignKey("invoices.id"), nullable=False)
    due_date = Column(Date, nullable=False)
    amount = Money()
    collected = Column(Integer, default=0)
    collection_attempts = Column(Integer, default=0)

    invoice = relationship("Invoice", back_populates="instalments")


class Payment(Base, TimestampMixin):
    __tablename__ = "payments"

    id = Column(Integer, primary_key=True)
    account_id = Column(Integer, ForeignKey("billing_accounts.id"), nullable=False)
    invoice_id = Column(Integer, ForeignKey("invoices.id"))
    amount = Money()
    received_at = Column(DateTime, nullable=False)
    channel = Column(String(16))  # bank | psp | sdd | manual
    external_ref = Column(String(64), index=True)
    reversed = Column(Integer, default=0)

    account = relationship("BillingAccount", back_populates="payments")


class Refund(Base, TimestampMixin):
    __tablename__ = "refunds"

    id = Column(Integer, primary_key=True)
    account_id = Column(Integer, ForeignKey("billing_accounts.id"), nullable=False)
    policy_id = Column(Integer, ForeignKey("policies.id"))
    amount = Money()
    reason = Column(String(40))
    status = Column(String(10), default="pending")
    paid_at = Column(DateTime)
