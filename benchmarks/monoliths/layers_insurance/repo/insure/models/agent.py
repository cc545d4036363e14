from sqlalchemy import Column, Date, ForeignKey, Integer, Numeric, String
from sqlalchemy.orm import relationship

from insure.db import Base
from insure.models.base import Money, ReprMixin, TimestampMixin


class Agency(Base, TimestampMixin):
    __tablename__ = "agencies"

    id = Column(Integer, primary_key=True)
    name = Column(String(200), nullable=False)
    iban = Column(String(40))
    tier = Column(String(10), default="standard")  # standard | gold | direct
    active = Column(Integer, default=1)

    agents = relationship("Agent", back_populates="agency")


class Agent(Base, TimestampMixin, ReprMixin):
    __tablename__ = "agents"

    id = Column(Integer, primary_key=True)
    agency_id = Column(Integer, ForeignKey("agencies.id"), nullable=False)
    reference = Column(String(20), unique=True)
    name = Column(String(120), nullable=False)
    email = Column(String(200))
    licence_no = Column(String(40))
    licence_expires = Column(Date)
    active = Column(Integer, default=1)

    agency = relationship("Agency", back_populates="agents")


class CommissionSchedule(Base):
    __tablename__ = "commission_schedules"

    id = Column(Integer, primary_key=True)
    agency_tier = Column(String(10), nullable=False)
    product_code = Column(String(20), nullable=False)
    new_business_rate = Column(Numeric(6, 4), nullable=False)
    renewal_rate = Column(Numeric(6, 4), nullable=False)
    valid_from = Column(Date)


class CommissionEntry(Base, TimestampMixin):
    __tablename__ = "commission_entries"

    id = Column(Integer, primary_key=True)
    agent_id = Column(Integer, ForeignKey("agents.id"), nullable=False, index=True)
    policy_id = Column(Integer, ForeignKey("policies.id"), nullable=False)
    invoice_id = Column(Integer, ForeignKey("invoices.id"))
    kind = Column(String(12), default="new")  # new | renewal | clawback
    premium_basis = Money()
    rate = Column(Numeric(6, 4))
    amount = Money()
    statement_id = Column(Integer, ForeignKey("commission_statements.id"))
