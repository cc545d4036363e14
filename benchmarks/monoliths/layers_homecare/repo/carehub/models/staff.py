from sqlalchemy import (Boolean, Column, Date, DateTime, Float, ForeignKey, Integer,
                        Numeric, String, Text, Time)
from sqlalchemy.orm import relationship

from carehub.core.database import Base
from carehub.models.base import AuditMixin, SoftDeleteMixin, TimestampMixin

__all__ = ["User", "Staff", "DbsCheck", "TrainingCourse", "TrainingRecord",
           "Supervision", "CarerAvailability"]


class User(Base, TimestampMixin):
    __tablename__ = "users"

    id = Column(Integer, primary_key=True)
    email = Column(String(120), unique=True, index=True, nullable=False)
    hashed_password = Column(String(255))
    legacy_password_md5 = Column(String(32))
    full_name = Column(String(120))
    role = Column(String(20), default="carer")
    is_active = Column(Boolean, default=True)
    last_login_at = Column(DateTime)
    reset_token = Column(String(64))
    reset_token_expires = Column(DateTime)


class Staff(Base, TimestampMixin, SoftDeleteMixin):
    __tablename__ = "staff"

    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"), unique=True)
    payroll_number = Column(String(20), unique=True)
    first_name = Column(String(80))
    last_name = Column(String(80))
    job_title = Column(String(60), default="Care Worker")
    gender = Column(String(20))
    phone = Column(String(30))
    postcode = Column(String(10))
    lat = Column(Float)
    lng = Column(Float)
    area = Column(String(40))
    drives = Column(Boolean, default=True)
    employment_type = Column(String(20), default="zero_hours")  # zero_hours, salaried, bank
    contracted_hours = Column(Numeric(5, 2))
    start_date = Column(Date)
    leaving_date = Column(Date)
    ni_number = Column(String(12))
    right_to_work_checked = Column(Date)
    right_to_work_expiry = Column(Date)
    med_competency_date = Column(Date)
    status = Column(String(20), default="onboarding")  # onboarding, active, suspended, left

    user = relationship("User")

    @property
    def full_name(self):
        return "%s %s" % (self.first_name, self.last_name)


class DbsCheck(Base, TimestampMixin):
    __tablename__ = "dbs_checks"

    id = Column(Integer, primary_key=True)
    staff_id = Column(Integer, ForeignKey("staff.id"), nullable=False, index=True)
    certificate_number = Column(String(20))
    level = Column(String(20), default="enhanced")
    issued_on = Column(Date)
    update_service = Column(Boolean, default=False)
    last_update_check = Column(Date)
    outcome = Column(String(20))  # clear, disclosure
    risk_assessed = Column(Boolean, default=False)


class TrainingCourse(Base):
    __tablename__ = "training_courses"

    id = Column(Integer, primary_key=True)
    code = Column(String(20), unique=True)
    title = Column(String(120))
    mandatory = Column(Boolean, default=True)
    validity_months = Column(Integer, default=12)
    is_care_certificate = Column(Boolean, default=False)
    required_for_medication = Column(Boolean, default=False)


class TrainingRecord(Base, TimestampMixin):
    __tablename__ = "training_records"

    id = Column(Integer, primary_key=True)
    staff_id = Column(Integer, ForeignKey("staff.id"), nullable=False, index=True)
    course_id = Column(Integer, ForeignKey("training_courses.id"), nullable=False)
    completed_on = Column(Date)
    expires_on = Column(Date)
    provider = Column(String(120))
    certificate_path = Column(String(255))
    status = Column(String(20), default="booked")

    course = relationship("TrainingCourse")


class Supervision(Base, AuditMixin):
    __tablename__ = "supervisions"

    id = Column(Integer, primary_key=True)
    staff_id = Column(Integer, ForeignKey("staff.id"), nullable=False, index=True)
    supervisor_id = Column(Integer, ForeignKey("users.id"))
    kind = Column(String(20), default="supervision")  # supervision, spot_check, appraisal
    held_on = Column(Date)
    next_due = Column(Date)
    notes = Column(Text)
    concerns_raised = Column(Boolean, default=False)


class CarerAvailability(Base):
    __tablename__ = "carer_availability"

    id = Column(Integer, primary_key=True)
    staff_id = Column(Integer, ForeignKey("staff.id"), nullable=False, index=True)
    day_of_week = Column(Integer)
    from_time = Column(Time)
    to_time = Column(Time)
    unavailable_date = Column(Date)  # for one-off leave/sickness
    reason = Column(String(40))
