import enum

from sqlalchemy import Column, Date, DateTime, Enum, ForeignKey, Integer, Numeric, String
from sqlalchemy.orm import relationship

from hrapp.common.db import Base
from hrapp.models.base import TimestampMixin


class ClaimStatus(str, enum.Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    REIMBURSED = "reimbursed"


class ExpenseClaim(TimestampMixin, Base):
    __tablename__ = "expense_claims"

    id = Column(Integer, primary_key=True)
    reference = Column(String(20), unique=True, nullable=False)
    employee_id = Column(Integer, ForeignKey("employees.id"), nullable=False)
    approver_id = Column(Integer, ForeignKey("employees.id"))
    status = Column(Enum(ClaimStatus), default=ClaimStatus.DRAFT)
    total = Column(Numeric(12, 2), default=0)
    currency = Column(String(3), default="EUR")
    submitted_at = Column(DateTime(timezone=True))
    decided_at = Column(DateTime(timezone=True))
    rejection_reason = Column(String(200))
    reimbursed_in_payslip_id = Column(Integer, ForeignKey("payslips.id"))

    employee = relationship("Employee", foreign_keys=[employee_id])
    items = relationship("ExpenseItem", back_populates="claim", cascade="all, delete-orphan")


class ExpenseItem(Base):
    __tablename__ = "expense_items"

    id = Column(Integer, primary_key=True)
    claim_id = Column(Integer, ForeignKey("expense_claims.id"), nullable=False)
    spent_on = Column(Date, nullable=False)
    category = Column(String(30), nullable=False)  # travel, meals, lodging, mileage
    amount = Column(Numeric(12, 2), nullable=False)
    km = Column(Numeric(8, 1))
    description = Column(String(200))

    claim = relationship("ExpenseClaim", back_populates="items")
    receipts = relationship("Receipt", back_populates="item")


class Receipt(Base):
    __tablename__ = "receipts"

    id = Column(Integer, primary_key=True)
    item_id = Column(Integer, ForeignKey("expense_items.id"), nullable=False)
    storage_key = Column(String(300), nullable=False)
    content_type = Column(String(80))
    uploaded_at = Column(DateTime(timezone=True))

    item = relationship("ExpenseItem", back_populates="receipts")
