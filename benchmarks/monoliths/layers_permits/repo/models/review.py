import datetime as dt

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import relationship

from models.base import Base, IdMixin

DISCIPLINES = ("building", "zoning", "fire", "structural", "electrical", "plumbing", "mechanical", "historic")


class PlanReview(Base, IdMixin):
    __tablename__ = "plan_reviews"

    PENDING = "pending"
    APPROVED = "approved"
    CORRECTIONS = "corrections"
    NOT_REQUIRED = "not_required"

    application_id = Column(Integer, ForeignKey("permit_applications.id"), nullable=False)
    plan_set_id = Column(Integer, ForeignKey("plan_sets.id"))
    discipline = Column(String(20), nullable=False)
    reviewer_id = Column(Integer, ForeignKey("staff.id"))
    cycle = Column(Integer, default=1)
    status = Column(String(20), default=PENDING)
    started_at = Column(DateTime, default=dt.datetime.utcnow)
    due_at = Column(DateTime)
    completed_at = Column(DateTime)
    comments = Column(Text)

    application = relationship("PermitApplication", back_populates="reviews")
    reviewer = relationship("StaffMember")
