from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import relationship

from hrapp.common.db import Base
from hrapp.models.base import TimestampMixin


class ReviewCycle(TimestampMixin, Base):
    __tablename__ = "review_cycles"

    id = Column(Integer, primary_key=True)
    name = Column(String(80), nullable=False)
    starts_on = Column(Date, nullable=False)
    ends_on = Column(Date, nullable=False)
    status = Column(String(20), default="planned")
    merit_budget_pct = Column(Numeric(5, 2), default=3)

    reviews = relationship("PerformanceReview", back_populates="cycle")


class PerformanceReview(TimestampMixin, Base):
    __tablename__ = "performance_reviews"

    id = Column(Integer, primary_key=True)
    cycle_id = Column(Integer, ForeignKey("review_cycles.id"), nullable=False)
    employee_id = Column(Integer, ForeignKey("employees.id"), nullable=False)
    reviewer_id = Column(Integer, ForeignKey("employees.id"), nullable=False)
    rating = Column(Integer)
    calibrated_rating = Column(Integer)
    summary = Column(Text)
    submitted_at = Column(DateTime(timezone=True))

    cycle = relationship("ReviewCycle", back_populates="reviews")
    employee = relationship("Employee", foreign_keys=[employee_id])
    reviewer = relationship("Employee", foreign_keys=[reviewer_id])


class Goal(TimestampMixin, Base):
    __tablename__ = "goals"

    id = Column(Integer, primary_key=True)
    employee_id = Column(Integer, ForeignKey("employees.id"), nullable=False)
    cycle_id = Column(Integer, ForeignKey("review_cycles.id"))
    title = Column(String(200), nullable=False)
    weight = Column(Integer, default=1)
    progress = Column(Integer, default=0)
    due_date = Column(Date)

    employee = relationship("Employee")
