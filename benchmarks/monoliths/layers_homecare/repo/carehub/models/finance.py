from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Integer, Numeric,
                        String, Text)
from sqlalchemy.orm import relationship

from carehub.core.database import Base
from carehub.models.base import AuditMixin, TimestampMixin

__all__ = ["Timesheet", "TimesheetEntry", "PayRate", "PayRun", "Payslip", "MileageClaim",
           "Funder", "ChargeRate", "Invoice", "InvoiceLine", "Payment"]


# ---- payroll -------------------------------------------------------------

class Timesheet(Base, TimestampMixin):
    __tablename__ = "timesheets"

    id = Column(Integer, primary_key=True)
    staff_id = Column(Integer, ForeignKey("staff.id"), nullable=False, index=True)
    week_start = Column(Date, nullable=False, index=True)
    status = Column(String(20), default="open")  # open, submitted, approved, paid
    total_minutes = Column(Integer, default=0)
    travel_minutes = Column(Integer, default=0)
    gross_pence = Column(Integer, default=0)
    approved_by_id = Column(Integer, ForeignKey("users.id"))
    approved_at = Column(DateTime)
    pay_run_id = Column(Integer, ForeignKey("pay_runs.id"))

    entries = relationship("TimesheetEntry", back_populates="timesheet", cascade="all, delete-orphan")


class TimesheetEntry(Base):
    __tablename__ = "timesheet_entries"

    id = Column(Integer, primary_key=True)
    timesheet_id = Column(Integer, ForeignKey("timesheets.id"), nullable=False)
    entry_date = Column(Date)
    kind = Column(String(20), default="visit")  # visit, travel, training, holiday, sick, adjustment
    minutes = Column(Integer, default=0)
    rate_pence = Column(Integer)
    uplift = Column(Numeric(4, 2), default=1)
    amount_pence = Column(Integer, default=0)
    description = Column(String(200))

    timesheet = relationship("Timesheet", back_populates="entries")


class PayRate(Base, TimestampMixin):
    __tablename__ = "pay_rates"

    id = Column(Integer, primary_key=True)
    name = Column(String(60))
    employment_type = Column(String(20))
    job_title = Column(String(60))
    hourly_pence = Column(Integer, nullable=False)
    travel_hourly_pence = Column(Integer)
    effective_from = Column(Date, nullable=False)
    effective_to = Column(Date)


class PayRun(Base, AuditMixin):
    __tablename__ = "pay_runs"

    id = Column(Integer, primary_key=True)
    period_start = Column(Date)
    period_end = Column(Date)
    status = Column(String(20), default="draft")  # draft, locked, exported
    exported_at = Column(DateTime)
    export_file = Column(String(255))
    total_gross_pence = Column(Integer, default=0)


class Payslip(Base, TimestampMixin):
    __tablename__ = "payslips"

    id = Column(Integer, primary_key=True)
    pay_run_id = Column(Integer, ForeignKey("pay_runs.id"), nullable=False)
    staff_id = Column(Integer, ForeignKey("staff.id"), nullable=False)
    gross_pence = Column(Integer)
    holiday_accrued_minutes = Column(Integer, default=0)
    mileage_pence = Column(Integer, default=0)
    pdf_path = Column(String(255))


class MileageClaim(Base, TimestampMixin):
    __tablename__ = "mileage_claims"

    id = Column(Integer, primary_key=True)
    staff_id = Column(Integer, ForeignKey("staff.id"), nullable=False, index=True)
    claim_date = Column(Date)
    miles = Column(Numeric(6, 1))
    amount_pence = Column(Integer)
    source = Column(String(20), default="auto")  # auto (from travel legs) or manual
    status = Column(String(20), default="pending")
    timesheet_id = Column(Integer, ForeignKey("timesheets.id"))


# ---- billing -------------------------------------------------------------

class Funder(Base, TimestampMixin):
    __tablename__ = "funders"

    id = Column(Integer, primary_key=True)
    name = Column(String(120), nullable=False)
    funder_type = Column(String(20))  # council, nhs_chc, private, insurer
    billing_email = Column(String(120))
    billing_address = Column(Text)
    payment_terms_days = Column(Integer, default=30)
    invoice_frequency = Column(String(20), default="4weekly")  # weekly, 4weekly, monthly
    requires_po = Column(Boolean, default=False)
    portal_upload = Column(Boolean, default=False)


class ChargeRate(Base, TimestampMixin):
    __tablename__ = "charge_rates"

    id = Column(Integer, primary_key=True)
    funder_id = Column(Integer, ForeignKey("funders.id"), index=True)
    hourly_pence = Column(Integer, nullable=False)
    min_charge_minutes = Column(Integer, default=15)
    double_up_multiplier = Column(Numeric(4, 2), default=2)
    effective_from = Column(Date, nullable=False)
    effective_to = Column(Date)


class Invoice(Base, AuditMixin):
    __tablename__ = "invoices"

    id = Column(Integer, primary_key=True)
    number = Column(String(30), unique=True, index=True)
    funder_id = Column(Integer, ForeignKey("funders.id"), index=True)
    client_id = Column(Integer, ForeignKey("clients.id"), index=True)  # null for council batch invoices
    period_start = Column(Date)
    period_end = Column(Date)
    issued_on = Column(Date)
    due_on = Column(Date)
    status = Column(String(20), default="draft")
    subtotal_pence = Column(Integer, default=0)
    vat_pence = Column(Integer, default=0)
    total_pence = Column(Integer, default=0)
    paid_pence = Column(Integer, default=0)
    po_number = Column(String(40))
    sent_at = Column(DateTime)
    notes = Column(Text)

    lines = relationship("InvoiceLine", back_populates="invoice", cascade="all, delete-orphan")
    payments = relationship("Payment", back_populates="invoice")


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"

    id = Column(Integer, primary_key=True)
    invoice_id = Column(Integer, ForeignKey("invoices.id"), nullable=False)
    client_id = Column(Integer, ForeignKey("clients.id"))
    line_date = Column(Date)
    description = Column(String(255))
    minutes = Column(Integer)
    rate_pence = Column(Integer)
    multiplier = Column(Numeric(4, 2), default=1)
    amount_pence = Column(Integer)

    invoice = relationship("Invoice", back_populates="lines")


class Payment(Base, TimestampMixin):
    __tablename__ = "payments"

    id = Column(Integer, primary_key=True)
    invoice_id = Column(Integer, ForeignKey("invoices.id"), nullable=False, index=True)
    received_on = Column(Date)
    amount_pence = Column(Integer)
    method = Column(String(20))  # bacs, dd, cheque, card
    reference = Column(String(60))
