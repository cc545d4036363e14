from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Integer, String,
                        Text, Time)
from sqlalchemy.orm import relationship

from carehub.core.database import Base
from carehub.models.base import AuditMixin, TimestampMixin

__all__ = ["CarePlan", "CarePlanTask", "CarePlanOutcome", "CarePlanReview",
           "Medication", "MedicationSchedule", "MarEntry"]


class CarePlan(Base, AuditMixin):
    __tablename__ = "care_plans"

    id = Column(Integer, primary_key=True)
    client_id = Column(Integer, ForeignKey("clients.id"), nullable=False, index=True)
    assessment_id = Column(Integer, ForeignKey("needs_assessments.id"))
    version = Column(Integer, default=1)
    status = Column(String(20), default="draft")
    summary = Column(Text)
    likes_dislikes = Column(Text)
    communication_needs = Column(Text)
    dnacpr = Column(Boolean, default=False)
    effective_from = Column(Date)
    approved_by_id = Column(Integer, ForeignKey("users.id"))
    approved_at = Column(DateTime)
    next_review_due = Column(Date)

    tasks = relationship("CarePlanTask", back_populates="plan", cascade="all, delete-orphan")
    outcomes = relationship("CarePlanOutcome", back_populates="plan")


class CarePlanTask(Base):
    __tablename__ = "care_plan_tasks"

    id = Column(Integer, primary_key=True)
    care_plan_id = Column(Integer, ForeignKey("care_plans.id"), nullable=False)
    call_slot = Column(String(20))  # morning, lunch, tea, bed, night
    days_of_week = Column(String(20), default="0123456")  # Mon=0
    start_time = Column(Time)
    duration_minutes = Column(Integer, default=30)
    carers_required = Column(Integer, default=1)
    title = Column(String(120))
    instructions = Column(Text)
    is_medication_task = Column(Boolean, default=False)
    active = Column(Boolean, default=True)

    plan = relationship("CarePlan", back_populates="tasks")


class CarePlanOutcome(Base):
    __tablename__ = "care_plan_outcomes"

    id = Column(Integer, primary_key=True)
    care_plan_id = Column(Integer, ForeignKey("care_plans.id"), nullable=False)
    outcome = Column(Text)
    measure = Column(String(200))
    achieved = Column(Boolean)

    plan = relationship("CarePlan", back_populates="outcomes")


class CarePlanReview(Base, AuditMixin):
    __tablename__ = "care_plan_reviews"

    id = Column(Integer, primary_key=True)
    care_plan_id = Column(Integer, ForeignKey("care_plans.id"), nullable=False)
    due_date = Column(Date)
    completed_on = Column(Date)
    reviewer_id = Column(Integer, ForeignKey("users.id"))
    trigger = Column(String(30), default="scheduled")  # scheduled, incident, hospital, request
    notes = Column(Text)
    changes_required = Column(Boolean, default=False)


# --- medication (eMAR) ---------------------------------------------------

class Medication(Base, AuditMixin):
    __tablename__ = "medications"

    id = Column(Integer, primary_key=True)
    client_id = Column(Integer, ForeignKey("clients.id"), nullable=False, index=True)
    name = Column(String(120), nullable=False)
    strength = Column(String(40))
    form = Column(String(40))
    route = Column(String(40), default="oral")
    dose = Column(String(60))
    is_prn = Column(Boolean, default=False)
    is_controlled = Column(Boolean, default=False)
    support_level = Column(String(20), default="administer")
    prescriber = Column(String(120))
    start_date = Column(Date)
    stop_date = Column(Date)
    blister_pack = Column(Boolean, default=True)

    schedules = relationship("MedicationSchedule", back_populates="medication")


class MedicationSchedule(Base):
    __tablename__ = "medication_schedules"

    id = Column(Integer, primary_key=True)
    medication_id = Column(Integer, ForeignKey("medications.id"), nullable=False)
    call_slot = Column(String(20))
    time_due = Column(Time)
    quantity = Column(String(20))
    days_of_week = Column(String(20), default="0123456")

    medication = relationship("Medication", back_populates="schedules")


class MarEntry(Base, TimestampMixin):
    __tablename__ = "mar_entries"

    id = Column(Integer, primary_key=True)
    medication_id = Column(Integer, ForeignKey("medications.id"), nullable=False, index=True)
    schedule_id = Column(Integer, ForeignKey("medication_schedules.id"))
    visit_id = Column(Integer, ForeignKey("visits.id"), index=True)
    staff_id = Column(Integer, ForeignKey("staff.id"))
    due_at = Column(DateTime)
    recorded_at = Column(DateTime)
    outcome = Column(String(2))
    quantity_given = Column(String(20))
    witness_staff_id = Column(Integer, ForeignKey("staff.id"))
    notes = Column(Text)


