from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import relationship

from insure.db import Base
from insure.models.base import AuditMixin, Money, ReprMixin

CLAIM_STATUSES = ["notified", "assessing", "approved", "partially_paid", "paid", "rejected", "closed", "reopened"]


class Claim(Base, AuditMixin, ReprMixin):
    __tablename__ = "claims"

    id = Column(Integer, primary_key=True)
    number = Column(String(20), unique=True, nullable=False)
    policy_id = Column(Integer, ForeignKey("policies.id"), nullable=False, index=True)
    claimant_id = Column(Integer, ForeignKey("parties.id"), nullable=False)
    coverage_code = Column(String(20))
    loss_date = Column(Date, nullable=False)
    reported_date = Column(Date, nullable=False)
    cause = Column(String(40))
    description = Column(Text)
    status = Column(String(16), default="notified", nullable=False)
    handler = Column(String(64))
    estimated_amount = Money()
    fraud_score = Column(Integer)
    closed_at = Column(DateTime)

    reserves = relationship("ClaimReserve", back_populates="claim", order_by="ClaimReserve.id")
    payments = relationship("ClaimPayment", back_populates="claim")
    notes = relationship("ClaimNote", back_populates="claim", order_by="ClaimNote.created_at")

    def current_reserve(self):
        return self.reserves[-1].amount if self.reserves else 0

    def paid_total(self):
        return sum((p.amount for p in self.payments if p.status == "paid"), 0)


class ClaimReserve(Base):
    __tablename__ = "claim_reserves"

    id = Column(Integer, primary_key=True)
    claim_id = Column(Integer, ForeignKey("claims.id"), nullable=False, index=True)
    amount = Money()
    set_by = Column(String(64))
    set_at = Column(DateTime)
    reason = Column(String(200))

    claim = relationship("Claim", back_populates="reserves")


class ClaimPayment(Base):
    __tablename__ = "claim_payments"

    id = Column(Integer, primary_key=True)
    claim_id = Column(Integer, ForeignKey("claims.id"), nullable=False, index=True)
    payee_id = Column(Integer, ForeignKey("parties.id"))
    amount = Money()
    deductible_applied = Money()
    status = Column(String(10), default="pending")
    approved_by = Column(String(64))
    paid_at = Column(DateTime)
    iban = Column(String(40))

    claim = relationship("Claim", back_populates="payments")


class ClaimNote(Base):
    __tablename__ = "claim_notes"

    id = Column(Integer, primary_key=True)
    claim_id = Column(Integer, ForeignKey("claims.id"), nullable=False)
    author = Column(String(64))
    created_at = Column(DateTime)
    body = Column(Text, nullable=False)
    internal = Column(Integer, default=1)

    claim = relationship("Claim", back_populates="notes")
