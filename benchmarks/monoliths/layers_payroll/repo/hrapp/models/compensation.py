import enum

from sqlalchemy import Boolean, Column, Date, Enum, ForeignKey, Integer, Numeric, String
from sqlalchemy.orm import relationship

from hrapp.common.db import Base
from hrapp.models.base import TimestampMixin


class ContractType(str, enum.Enum):
    PERMANENT = "permanent"
    FIXED_TERM = "fixed_term"
    CONTRACTOR = "contractor"


class EmploymentContract(TimestampMixin, Base):
    __tablename__ = "employment_contracts"

    id = Column(Integer, primary_key=True)
    employee_id = Column(Integer, ForeignKey("employees.id"), nullable=False)
    contract_type = Column(Enum(ContractType), default=ContractType.PERMANENT)
    start_date = Column(Date, nullable=False)
    end_date = Column(Date)
    fte = Column(Numeric(4, 2), default=1)
    monthly_salary = Column(Numeric(12, 2), nullable=False)
    hourly_rate = Column(Numeric(8, 2))
    weekly_hours = Column(Numeric(4, 1), default=40)

    employee = relationship("Employee", back_populates="contracts")

    def is_active(self, on_date=None):
        if on_date is None:
            return self.end_date is None
        return self.start_date <= on_date and (self.end_date is None or self.end_date >= on_date)


class PayslipLine(Base):
    __tablename__ = "payslip_lines"

    id = Column(Integer, primary_key=True)
    payslip_id = Column(Integer, ForeignKey("payslips.id"), nullable=False)
    code = Column(String(20), nullable=False)  # BASE, OT, BONUS, TAX, SOC, BEN, EXP, ...
    description = Column(String(200))
    amount = Column(Numeric(12, 2), nullable=False)
    taxable = Column(Boolean, default=True)

    payslip = relationship("Payslip", back_populates="lines")


class Deduction(TimestampMixin, Base):
    """Recurring deduction (garnishment, union fee, pension top-up...)."""

    __tablename__ = "deductions"

    id = Column(Integer, primary_key=True)
    employee_id = Column(Integer, ForeignKey("employees.id"), nullable=False)
    code = Column(String(20), nullable=False)
    amount = Column(Numeric(12, 2))
    percent = Column(Numeric(5, 2))
    pre_tax = Column(Boolean, default=False)
    start_date = Column(Date, nullable=False)
    end_date = Column(Date)
    source_enrollment_id = Column(Integer, ForeignKey("benefit_enrollments.id"))

    employee = relationship("Employee")


class TaxBracket(Base):
    __tablename__ = "tax_brackets"

    id = Column(Integer, primary_key=True)
    country = Column(String(2), nullable=False)
    year = Column(Integer, nullable=False)
    lower = Column(Numeric(12, 2), nullable=False)
    upper = Column(Numeric(12, 2))
    rate = Column(Numeric(5, 4), nullable=False)
    tax_code = Column(String(10), default="STD")


class BenefitPlan(TimestampMixin, Base):
    __tablename__ = "benefit_plans"

    id = Column(Integer, primary_key=True)
    code = Column(String(20), unique=True, nullable=False)
    name = Column(String(120), nullable=False)
    kind = Column(String(20))  # health, pension, lease_bike, gym
    employee_cost = Column(Numeric(10, 2), default=0)
    employer_cost = Column(Numeric(10, 2), default=0)
    per_dependent_cost = Column(Numeric(10, 2), default=0)
    pre_tax = Column(Boolean, default=True)
    active = Column(Boolean, default=True)

    enrollments = relationship("BenefitEnrollment", back_populates="plan")


class BenefitEnrollment(TimestampMixin, Base):
    __tablename__ = "benefit_enrollments"

    id = Column(Integer, primary_key=True)
    plan_id = Column(Integer, ForeignKey("benefit_plans.id"), nullable=False)
    employee_id = Column(Integer, ForeignKey("employees.id"), nullable=False)
    start_date = Column(Date, nullable=False)
    end_date = Column(Date)
    coverage_level = Column(String(20), default="employee")

    plan = relationship("BenefitPlan", back_populates="enrollments")
    employee = relationship("Employee")
    dependents = relationship("Dependent", back_populates="enrollment")


class Dependent(Base):
    __tablename__ = "dependents"

    id = Column(Integer, primary_key=True)
    employee_id = Column(Integer, ForeignKey("employees.id"), nullable=False)
    enrollment_id = Column(Integer, ForeignKey("benefit_enrollments.id"))
    full_name = Column(String(160), nullable=False)
    relation = Column(String(20))
    birth_date = Column(Date)

    enrollment = relationship("BenefitEnrollment", back_populates="dependents")
