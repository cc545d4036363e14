from sqlalchemy import (Column, Integer, String, Date, DateTime, Boolean,
                        ForeignKey, Numeric, Text)
from sqlalchemy.orm import relationship

from wastecorp.extensions import db
from wastecorp.models import TimestampMixin, SoftDeleteMixin

__all__ = ["Employee", "Shift", "Timesheet", "CrewAssignment", "Absence"]

JOB_ROLES = ("DRIVER", "LOADER", "SUPERVISOR", "FITTER", "WEIGHBRIDGE_OP",
             "OFFICE", "MRF_OPERATIVE")


class Employee(db.Model, TimestampMixin, SoftDeleteMixin):
    __tablename__ = "employees"

    id = Column(Integer, primary_key=True)
    payroll_no = Column(String(12), unique=True, nullable=False)
    first_name = Column(String(60))
    last_name = Column(String(60))
    job_role = Column(String(20), nullable=False)
    depot = Column(String(10))
    start_date = Column(Date)
    end_date = Column(Date)
    hourly_rate = Column(Numeric(6, 2))
    agency = Column(Boolean, default=False)
    phone = Column(String(30))

    licences = relationship("DriverLicence", backref="employee")

    @property
    def full_name(self):
        return "%s %s" % (self.first_name or "", self.last_name or "")


class Shift(db.Model):
    __tablename__ = "shifts"

    id = Column(Integer, primary_key=True)
    employee_id = Column(Integer, ForeignKey("employees.id"), nullable=False)
    shift_date = Column(Date, nullable=False, index=True)
    planned_start = Column(DateTime)
    planned_end = Column(DateTime)
    depot = Column(String(10))
    shift_type = Column(String(10), default="DAY")


class Timesheet(db.Model):
    __tablename__ = "timesheets"

    id = Column(Integer, primary_key=True)
    employee_id = Column(Integer, ForeignKey("employees.id"), nullable=False)
    shift_id = Column(Integer, ForeignKey("shifts.id"))
    clock_in = Column(DateTime)
    clock_out = Column(DateTime)
    break_minutes = Column(Integer, default=30)
    overtime_minutes = Column(Integer, default=0)
    approved_by = Column(String(64))
    exported = Column(Boolean, default=False)


class CrewAssignment(db.Model):
    """Who is on which truck for which round on a given day."""
    __tablename__ = "crew_assignments"

    id = Column(Integer, primary_key=True)
    employee_id = Column(Integer, ForeignKey("employees.id"), nullable=False)
    route_id = Column(Integer, ForeignKey("routes.id"))
    vehicle_id = Column(Integer, ForeignKey("vehicles.id"))
    work_date = Column(Date, nullable=False, index=True)
    crew_role = Column(String(12), default="LOADER")   # DRIVER, LOADER


class Absence(db.Model):
    __tablename__ = "absences"

    id = Column(Integer, primary_key=True)
    employee_id = Column(Integer, ForeignKey("employees.id"), nullable=False)
    absence_type = Column(String(16))   # SICK, HOLIDAY, TRAINING, UNAUTH
    start_date = Column(Date, nullable=False)
    end_date = Column(Date)
    notes = Column(Text)
