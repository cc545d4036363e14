import enum

from sqlalchemy import Column, Date, DateTime, Enum, ForeignKey, Integer, String, Text
from sqlalchemy.orm import relationship

from insure.db import Base
from insure.models.base import AuditMixin, Money, ReprMixin


class PolicyStatus(enum.Enum):
    PENDING = "pending"
    ACTIVE = "active"
    SUSPENDED = "suspended"   # unpaid, cover on hold
    LAPSED = "lapsed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class Policy(Base, AuditMixin, ReprMixin):
    __tablename__ = "policies"

    id = Column(Integer, primary_key=True)
    number = Column(String(20), unique=True, nullable=False)
    holder_id = Column(Integer, ForeignKey("parties.id"), nullable=False, index=True)
    product_id = Column(Integer, ForeignKey("products.id"), nullable=False)
    quote_id = Column(Integer, ForeignKey("quotes.id"))
    agent_id = Column(Integer, ForeignKey("agents.id"))
    status = Column(Enum(PolicyStatus), default=PolicyStatus.PENDING, nullable=False)
    inception_date = Column(Date, nullable=False)
    start_date = Column(Date, nullable=False)
    end_date = Column(Date, nullable=False)
    annual_premium = Money()
    tax = Money()
    payment_frequency = Column(String(10), default="annual")  # annual|quarterly|monthly
    renewal_of_id = Column(Integer, ForeignKey("policies.id"))
    auto_renew = Column(Integer, default=1)
    cancel_reason = Column(String(120))
    cancelled_at = Column(Date)

    coverages = relationship("PolicyCoverage", back_populates="policy", cascade="all, delete-orphan")
    endorsements = relationship("Endorsement", back_populates="policy", order_by="Endorsement.effective_date")
    events = relationship("PolicyEvent", back_populates="policy", order_by="PolicyEvent.id")
    holder = relationship("Party")
    product = relationship("Product")

    def is_in_force(self, on_date):
        return self.status == PolicyStatus.ACTIVE and self.start_date <= on_date <= self.end_date

    def coverage(self, code):
        for c in self.coverages:
            if c.coverage_code == code and not c.removed:
                return c
        return None


class PolicyCoverage(Base):
    __tablename__ = "policy_coverages"

    id = Column(Integer, primary_key=True)
    policy_id = Column(Integer, ForeignKey("policies.id"), nullable=False, index=True)
    coverage_code = Column(String(20), nullable=False)
    limit_amount = Money(nullable=True)
    deductible = Money(nullable=True)
    premium = Money()
    removed = Column(Integer, default=0)

    policy = relationship("Policy", back_populates="coverages")


class Endorsement(Base, AuditMixin):
    """A mid-term change: sum insured, coverage added/removed, address..."""
    __tablename__ = "endorsements"

    id = Column(Integer, primary_key=True)
    policy_id = Column(Integer, ForeignKey("policies.id"), nullable=False)
    seq = Column(Integer, nullable=False)
    kind = Column(String(20), nullable=False)
    effective_date = Column(Date, nullable=False)
    premium_delta = Money()
    payload = Column(Text)
    applied = Column(Integer, default=0)

    policy = relationship("Policy", back_populates="endorsements")


class PolicyEvent(Base):
    __tablename__ = "policy_events"

    id = Column(Integer, primary_key=True)
    policy_id = Column(Integer, ForeignKey("policies.id"), nullable=False, index=True)
    event = Column(String(30), nullable=False)
    at = Column(DateTime, nullable=False)
    by_user = Column(String(64))
    detail = Column(Text)

    policy = relationship("Policy", back_populates="events")
