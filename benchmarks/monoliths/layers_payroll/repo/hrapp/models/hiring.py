import enum

from sqlalchemy import Column, Date, DateTime, Enum, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import relationship

from hrapp.common.db import Base
from hrapp.models.base import SoftDeleteMixin, TimestampMixin


class ApplicationStage(str, enum.Enum):
    APPLIED = "applied"
    SCREENING = "screening"
    INTERVIEW = "interview"
    OFFER = "offer"
    HIRED = "hired"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class JobOpening(TimestampMixin, Base):
    __tablename__ = "job_openings"

    id = Column(Integer, primary_key=True)
    reference = Column(String(20), unique=True, nullable=False)
    position_id = Column(Integer, ForeignKey("positions.id"), nullable=False)
    hiring_manager_id = Column(Integer, ForeignKey("employees.id"))
    title = Column(String(160), nullable=False)
    description = Column(Text)
    budget_salary = Column(Numeric(12, 2))
    opened_on = Column(Date)
    closes_on = Column(Date)
    status = Column(String(20), default="draft")

    position = relationship("Position")
    applications = relationship("Application", back_populates="opening")


class Candidate(TimestampMixin, SoftDeleteMixin, Base):
    __tablename__ = "candidates"

    id = Column(Integer, primary_key=True)
    first_name = Column(String(80), nullable=False)
    last_name = Column(String(80), nullable=False)
    email = Column(String(200), nullable=False)
    source = Column(String(40))  # referral, linkedin, agency...
    referred_by_id = Column(Integer, ForeignKey("employees.id"))
    hired_employee_id = Column(Integer, ForeignKey("employees.id"))

    applications = relationship("Application", back_populates="candidate")


class Application(TimestampMixin, Base):
    __tablename__ = "applications"

    id = Column(Integer, primary_key=True)
    opening_id = Column(Integer, ForeignKey("job_openings.id"), nullable=False)
    candidate_id = Column(Integer, ForeignKey("candidates.id"), nullable=False)
    stage = Column(Enum(ApplicationStage), default=ApplicationStage.APPLIED)
    expected_salary = Column(Numeric(12, 2))
    offer_salary = Column(Numeric(12, 2))
    rejection_reason = Column(String(200))

    opening = relationship("JobOpening", back_populates="applications")
    candidate = relationship("Candidate", back_populates="applications")
    interviews = relationship("Interview", back_populates="application")


class Interview(Base):
    __tablename__ = "interviews"

    id = Column(Integer, primary_key=True)
    application_id = Column(Integer, ForeignKey("applications.id"), nullable=False)
    interviewer_id = Column(Integer, ForeignKey("employees.id"), nullable=False)
    scheduled_at = Column(DateTime(timezone=True), nullable=False)
    kind = Column(String(20), default="onsite")
    score = Column(Integer)
    feedback = Column(Text)

    application = relationship("Application", back_populates="interviews")
    interviewer = relationship("Employee")
