import enum

from sqlalchemy import Column, Date, DateTime, Enum, ForeignKey, Integer, Numeric, String
from sqlalchemy.orm import relationship

from fleetco.common.db import Base
from fleetco.models.mixins import TimestampMixin


class InvoiceStatus(str, enum.Enum):
    DRAFT = "draft"
    ISSUED = "issued"
    PAID = "paid"
    OVERDUE = "overdue"
    CREDITED = "credited"


class Invoice(TimestampMixin, Base):
    __tablename__ = "invoices"

    id = Column(Integer, primary_key=True)
    number = Column(String(30), unique=True)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    shipment_id = Column(Integer, ForeignKey("shipments.id"))
    issued_on = Column(Date)
    due_on = Column(Date)
    currency = Column(String(3), default="EUR")
    net_total = Column(Numeric(12, 2), default=0)
    vat_total = Column(Numeric(12, 2), default=0)
    status = Column(Enum(InvoiceStatus), default=InvoiceStatus.DRAFT, index=True)
    reminders_sent = Column(Integer, default=0)

    customer = relationship("Customer")
    lines = relationship("InvoiceLine", back_populates="invoice", cascade="all, delete-orphan")
    payments = relationship("Payment", back_populates="invoice")

    @property
    def gross_total(self):
        return (self.net_total or 0) + (self.vat_total or 0)

    def balance(self):
        return self.gross_total - sum(p.amount for p in self.payments)


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"

    id = Column(Integer, primary_key=True)
    invoice_id = Column(Integer, ForeignKey("invoices.id"), nullable=False)
    description = Column(String(200), nullable=False)
    quantity = Column(Numeric(10, 2), default=1)
    unit_price = Column(Numeric(12, 2), nullable=False)
    vat_rate = Column(Numeric(4, 3), default=0.21)

    invoice = relationship("Invoice", back_populates="lines")

    def net(self):
        return self.quantity * self.unit_price


class Payment(Base):
    __tablename__ = "payments"

    id = Column(Integer, primary_key=True)
    invoice_id = Column(Integer, ForeignKey("invoices.id"), nullable=False)
    amount = Column(Numeric(12, 2), nullable=False)
    received_at = Column(DateTime(timezone=True), nullable=False)
    method = Column(String(20))  # sepa | card | cash
    bank_ref = Column(String(60))

    invoice = relationship("Invoice", back_populates="payments")


class DriverShift(Base):
    # lives here because payroll exports were computed from billing in v1
    __tablename__ = "driver_shifts"

    id = Column(Integer, primary_key=True)
    driver_id = Column(Integer, ForeignKey("drivers.id"), nullable=False)
    vehicle_id = Column(Integer, ForeignKey("vehicles.id"))
    started_at = Column(DateTime(timezone=True), nullable=False)
    ended_at = Column(DateTime(timezone=True))
    break_minutes = Column(Integer, default=0)

    driver = relationship("Driver", back_populates="shifts")

    def hours(self):
        if self.ended_at is None:
            return 0
        worked = (self.ended_at - self.started_at).total_seconds() / 3600
        return max(worked - (self.break_minutes or 0) / 60, 0)
