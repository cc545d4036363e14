import datetime as dt
import json

from sqlalchemy import Boolean, Column, Date, DateTime, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import relationship

from models.base import Base, IdMixin


class FeeSchedule(Base, IdMixin):
    __tablename__ = "fee_schedules"

    name = Column(String(80), nullable=False)
    ordinance = Column(String(40))  # council ordinance adopting the schedule
    effective_from = Column(Date, nullable=False)
    effective_to = Column(Date)
    active = Column(Boolean, default=True)

    items = relationship("FeeScheduleItem", back_populates="schedule")


class FeeScheduleItem(Base, IdMixin):
    __tablename__ = "fee_schedule_items"

    schedule_id = Column(Integer, ForeignKey("fee_schedules.id"), nullable=False)
    code = Column(String(20), nullable=False)
    description = Column(String(200))
    permit_type = Column(String(3))  # null = any
    stage = Column(String(10), default="intake")  # intake, issuance, inspection, license, other
    basis = Column(String(12), nullable=False)  # flat, per_sqft, valuation, tiered
    rate = Column(Numeric(10, 4), default=0)
    minimum_cents = Column(Integer, default=0)
    tiers_json = Column(Text)

    schedule = relationship("FeeSchedule", back_populates="items")

    def tiers(self):
        """[[upper_bound_dollars_or_null, base_cents, rate_per_1000], ...]"""
        return json.loads(self.tiers_json or "[]")


class Refund(Base, IdMixin):
    __tablename__ = "refunds"

    payment_id = Column(Integer, ForeignKey("payments.id"), nullable=False)
    amount_cents = Column(Integer, nullable=False)
    reason = Column(Text)
    requested_at = Column(DateTime, default=dt.datetime.utcnow)
    approved_by_id = Column(Integer, ForeignKey("staff.id"))
    issued_on = Column(Date)
    check_number = Column(String(20))

    payment = relationship("Payment")
