"""Core records. Historically everything payroll needed lived here."""
import enum

from sqlalchemy import Boolean, Column, Date, DateTime, Enum, ForeignKey, Integer, Numeric, String
from sqlalchemy.orm import relationship

from hrapp.common.db import Base
from hrapp.models.base import AuditMixin, SoftDeleteMixin, TimestampMixin


class EmploymentStatus(str, enum.Enum):
    PRE_HIRE = "pre_hire"
    ACTIVE = "active"
    ON_LEAVE = "on_leave"
    TERMINATED = "terminated"


class PayRunStatus(str, enum.Enum):
    DRAFT = "draft"
    CALCULATED = "calculated"
    APPROVED = "approved"
    PAID = "paid"
    REVERSED = "reversed"


class OrgUnit(TimestampMixin, Base):
    __tablename__ = "org_units"

    id = Column(Integer, primary_key=True)
    code = Column(String(20), unique=True, nullable=False)
    name = Column(String(120), nullable=False)
    parent_id = Column(Integer, ForeignKey("org_units.id"))
    manager_id = Column(Integer, ForeignKey("employees.id", use_alter=True))
    cost_center = Column(String(20))

    parent = relationship("OrgUnit", remote_side=[id])
    members = relationship("Employee", back_populates="org_unit", foreign_keys="Employee.org_unit_id")


class Position(TimestampMixin, Base):
    __tablename__ = "positions"

    id = Column(Integer, primary_key=True)
    title = Column(String(120), nullable=False)
    org_unit_id = Column(Integer, ForeignKey("org_units.id"))
    min_salary = Column(Numeric(12, 2))
    max_salary = Column(Numeric(12, 2))
    is_open = Column(Boolean, default=False)

    org_unit = relationship("OrgUnit")


class Employee(TimestampMixin, SoftDeleteMixin, AuditMixin, Base):
    __tablename__ = "employees"

    id = Column(Integer, primary_key=True)
    employee_number = Column(String(20), unique=True, nullable=False)
    first_name = Column(String(80), nullable=False)
    last_name = Column(String(80), nullable=False)
    work_email = Column(String(200), unique=True)
    national_id = Column(String(20))
    hire_date = Column(Date, nullable=False)
    termination_date = Column(Date)
    status = Column(Enum(EmploymentStatus), default=EmploymentStatus.PRE_HIRE)
    org_unit_id = Column(Integer, ForeignKey("org_units.id"))
    position_id = Column(Integer, ForeignKey("positions.id"))
    manager_id = Column(Integer, ForeignKey("employees.id"))
    iban = Column(String(34))
    tax_code = Column(String(10))  # used by payroll, set by HR at hire time

    org_unit = relationship("OrgUnit", back_populates="members", foreign_keys=[org_unit_id])
    position = relationship("Position")
    manager = relationship("Employee", remote_side=[id])
    contracts = relationship("EmploymentContract", back_populates="employee", order_by="EmploymentContract.start_date")
    payslips = relationship("Payslip", back_populates="employee", lazy="dynamic")
    leave_balances = relationship("LeaveBalance", back_populates="employee")

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    def current_contract(self, on_date=None):
        live = [c for c in self.contracts if c.is_active(on_date)]
        return live[-1] if live else None


class PayrollRun(TimestampMixin, AuditMixin, Base):
    __tablename__ = "payroll_runs"

    id = Column(Integer, primary_key=True)
    period_start = Column(Date, nullable=False)
    period_end = Column(Date, nullable=False)
    pay_date = Column(Date, nullable=False)
    status = Column(Enum(PayRunStatus), default=PayRunStatus.DRAFT)
    is_off_cycle = Column(Boolean, default=False)
    total_gross = Column(Numeric(14, 2), default=0)
    total_net = Column(Numeric(14, 2), default=0)
    approved_by_id = Column(Integer, ForeignKey("employees.id"))
    approved_at = Column(DateTime(timezone=True))

    payslips = relationship("Payslip", back_populates="run", cascade="all, delete-orphan")


class Payslip(TimestampMixin, Base):
    __tablename__ = "payslips"

    id = Column(Integer, primary_key=True)
    run_id = Column(Integer, ForeignKey("payroll_runs.id"), nullable=False)
    employee_id = Column(Integer, ForeignKey("employees.id"), nullable=False)
    gross = Column(Numeric(12, 2), default=0)
    taxable = Column(Numeric(12, 2), default=0)
    income_tax = Column(Numeric(12, 2), default=0)
    social_security = Column(Numeric(12, 2), default=0)
    net = Column(Numeric(12, 2), default=0)
    reimbursements = Column(Numeric(12, 2), default=0)
    overtime_hours = Column(Numeric(6, 2), default=0)
    is_final_pay = Column(Boolean, default=False)

    run = relationship("PayrollRun", back_populates="payslips")
    employee = relationship("Employee", back_populates="payslips")
    lines = relationship("PayslipLine", back_populates="payslip", cascade="all, delete-orphan")
