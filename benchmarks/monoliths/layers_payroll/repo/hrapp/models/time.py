import enum

from sqlalchemy import Boolean, Column, Date, DateTime, Enum, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import relationship

from hrapp.common.db import Base
from hrapp.models.base import TimestampMixin


class TimesheetStatus(str, enum.Enum):
    OPEN = "open"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    LOCKED = "locked"  # consumed by a payroll run


class AbsenceType(str, enum.Enum):
    VACATION = "vacation"
    SICK = "sick"
    PARENTAL = "parental"
    UNPAID = "unpaid"
    SPECIAL = "special"


class Timesheet(TimestampMixin, Base):
    __tablename__ = "timesheets"
    __table_args__ = (UniqueConstraint("employee_id", "week_start"),)

    id = Column(Integer, primary_key=True)
    employee_id = Column(Integer, ForeignKey("employees.id"), nullable=False)
    week_start = Column(Date, nullable=False)
    status = Column(Enum(TimesheetStatus), default=TimesheetStatus.OPEN)
    submitted_at = Column(DateTime(timezone=True))
    approved_by_id = Column(Integer, ForeignKey("employees.id"))
    payroll_run_id = Column(Integer, ForeignKey("payroll_runs.id"))

    employee = relationship("Employee", foreign_keys=[employee_id])
    entries = relationship("TimesheetEntry", back_populates="timesheet", cascade="all, delete-orphan")

    @property
    def total_hours(self):
        return sum(e.hours for e in self.entries)


class TimesheetEntry(Base):
    __tablename__ = "timesheet_entries"

    id = Column(Integer, primary_key=True)
    timesheet_id = Column(Integer, ForeignKey("timesheets.id"), nullable=False)
    work_date = Column(Date, nullable=False)
    hours = Column(Numeric(5, 2), nullable=False)
    project_code = Column(String(20))
    is_overtime = Column(Boolean, default=False)
    note = Column(String(200))

    timesheet = relationship("Timesheet", back_populates="entries")


class Absence(TimestampMixin, Base):
    __tablename__ = "absences"

    id = Column(Integer, primary_key=True)
    employee_id = Column(Integer, ForeignKey("employees.id"), nullable=False)
    kind = Column(Enum(AbsenceType), nullable=False)
    start_date = Column(Date, nullable=False)
    end_date = Column(Date, nullable=False)
    half_day_start = Column(Boolean, default=False)
    half_day_end = Column(Boolean, default=False)
    days = Column(Numeric(5, 1))
    status = Column(String(20), default="requested")
    approver_id = Column(Integer, ForeignKey("employees.id"))
    reason = Column(Text)

    employee = relationship("Employee", foreign_keys=[employee_id])


class LeaveBalance(Base):
    __tablename__ = "leave_balances"
    __table_args__ = (UniqueConstraint("employee_id", "year", "kind"),)

    id = Column(Integer, primary_key=True)
    employee_id = Column(Integer, ForeignKey("employees.id"), nullable=False)
    year = Column(Integer, nullable=False)
    kind = Column(Enum(AbsenceType), default=AbsenceType.VACATION)
    entitled = Column(Numeric(5, 1), default=0)
    carried_over = Column(Numeric(5, 1), default=0)
    taken = Column(Numeric(5, 1), default=0)
    closed = Column(Boolean, default=False)

    employee = relationship("Employee", back_populates="leave_balances")

    @property
    def remaining(self):
        return (self.entitled or 0) + (self.carried_over or 0) - (self.taken or 0)
