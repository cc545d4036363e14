"""Money in (buyers) and money out (members)."""
from datetime import date, datetime

from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Integer,
                        Numeric, String, Text)
from sqlalchemy.orm import relationship

from coop.models.base import AuditMixin, Base, IdMixin, TimestampMixin


# ---------------------------------------------------------------- sales side

class SalesContract(IdMixin, AuditMixin, Base):
    __tablename__ = "sales_contracts"

    contract_no = Column(String(24), unique=True, nullable=False)
    buyer_id = Column(Integer, ForeignKey("buyers.id"), nullable=False)
    commodity = Column(String(20), nullable=False)
    grade_code = Column(String(10))
    crop_year = Column(Integer)
    quantity_t = Column(Numeric(12, 3), nullable=False)
    tolerance_pct = Column(Numeric(4, 1), default=5)
    price_basis = Column(String(12), default="flat")  # flat / basis / deferred
    price_t = Column(Numeric(10, 2))
    futures_month = Column(String(8))
    basis_t = Column(Numeric(8, 2))
    delivery_from = Column(Date)
    delivery_to = Column(Date)
    incoterm = Column(String(8), default="FCA")
    status = Column(String(16), default="open")  # open/filled/closed/cancelled/defaulted

    buyer = relationship("Buyer", backref="contracts")
    deliveries = relationship("ContractDelivery", back_populates="contract")


class ContractDelivery(IdMixin, TimestampMixin, Base):
    __tablename__ = "contract_deliveries"

    contract_id = Column(Integer, ForeignKey("sales_contracts.id"), nullable=False)
    bin_id = Column(Integer, ForeignKey("bins.id"))
    railcar_or_truck = Column(String(20))
    shipped_on = Column(Date, default=date.today)
    net_kg = Column(Integer, nullable=False)
    dest_grade_code = Column(String(10))
    dest_weight_kg = Column(Integer)
    invoiced = Column(Boolean, default=False)
    invoice_id = Column(Integer, ForeignKey("buyer_invoices.id"))

    contract = relationship("SalesContract", back_populates="deliveries")
    bin = relationship("Bin")


class PriceQuote(IdMixin, Base):
    __tablename__ = "price_quotes"

    buyer_id = Column(Integer, ForeignKey("buyers.id"))
    commodity = Column(String(20), nullable=False)
    grade_code = Column(String(10))
    quote_date = Column(Date, default=date.today)
    delivery_month = Column(String(8))
    price_t = Column(Numeric(10, 2))
    basis_t = Column(Numeric(8, 2))
    source = Column(String(20))  # phone / feed / email
    captured_at = Column(DateTime, default=datetime.utcnow)

    buyer = relationship("Buyer")


class BuyerInvoice(IdMixin, AuditMixin, Base):
    __tablename__ = "buyer_invoices"

    invoice_no = Column(String(20), unique=True)
    buyer_id = Column(Integer, ForeignKey("buyers.id"), nullable=False)
    contract_id = Column(Integer, ForeignKey("sales_contracts.id"))
    issued_on = Column(Date, default=date.today)
    due_on = Column(Date)
    subtotal = Column(Numeric(14, 2))
    gst = Column(Numeric(12, 2), default=0)
    total = Column(Numeric(14, 2))
    paid_on = Column(Date)
    status = Column(String(12), default="issued")  # issued/paid/overdue/credited

    buyer = relationship("Buyer")
    contract = relationship("SalesContract")


# ---------------------------------------------------------------- member side

class SettlementRun(IdMixin, AuditMixin, Base):
    __tablename__ = "settlement_runs"

    run_type = Column(String(12), default="initial")  # initial / interim / final
    crop_year = Column(Integer, nullable=False)
    period_start = Column(Date)
    period_end = Column(Date)
    status = Column(String(12), default="draft")  # draft/calculated/approved/paid/void
    approved_by = Column(String(64))
    approved_at = Column(DateTime)
    total_gross = Column(Numeric(14, 2), default=0)
    total_deductions = Column(Numeric(14, 2), default=0)
    total_net = Column(Numeric(14, 2), default=0)

    lines = relationship("SettlementLine", back_populates="run", cascade="all, delete-orphan")


class SettlementLine(IdMixin, Base):
    __tablename__ = "settlement_lines"

    run_id = Column(Integer, ForeignKey("settlement_runs.id"), nullable=False)
    member_id = Column(Integer, ForeignKey("members.id"), nullable=False)
    ticket_id = Column(Integer, ForeignKey("intake_tickets.id"))
    pool_id = Column(Integer, ForeignKey("pools.id"))
    paid_kg = Column(Integer)
    price_t = Column(Numeric(10, 2))
    grade_discount = Column(Numeric(12, 2), default=0)
    gross = Column(Numeric(12, 2))
    line_type = Column(String(12), default="delivery")  # delivery / adjustment / deduction

    run = relationship("SettlementRun", back_populates="lines")
    member = relationship("Member")


class MemberDeduction(IdMixin, TimestampMixin, Base):
    __tablename__ = "member_deductions"

    member_id = Column(Integer, ForeignKey("members.id"), nullable=False)
    run_id = Column(Integer, ForeignKey("settlement_runs.id"))
    kind = Column(String(20))  # levy / checkoff / rental / advance_repay / share_purchase / other
    amount = Column(Numeric(12, 2), nullable=False)
    source_ref = Column(String(40))
    applied = Column(Boolean, default=False)
    description = Column(String(200))

    member = relationship("Member")


class AdvancePayment(IdMixin, AuditMixin, Base):
    """Cash advance against grain in store (APP program)."""
    __tablename__ = "advance_payments"

    member_id = Column(Integer, ForeignKey("members.id"), nullable=False)
    crop_year = Column(Integer)
    commodity = Column(String(20))
    amount = Column(Numeric(12, 2), nullable=False)
    issued_on = Column(Date, default=date.today)
    interest_rate = Column(Numeric(5, 4))
    interest_accrued = Column(Numeric(12, 2), default=0)
    repaid_amount = Column(Numeric(12, 2), default=0)
    status = Column(String(12), default="open")  # open / repaid / default

    member = relationship("Member", backref="advances")


class PayoutBatch(IdMixin, AuditMixin, Base):
    __tablename__ = "payout_batches"

    run_id = Column(Integer, ForeignKey("settlement_runs.id"), nullable=False)
    file_name = Column(String(120))
    payment_date = Column(Date)
    line_count = Column(Integer)
    total_amount = Column(Numeric(14, 2))
    sent_to_bank = Column(Boolean, default=False)
    bank_ack_ref = Column(String(40))
    notes = Column(Text)

    run = relationship("SettlementRun", backref="payout_batches")
