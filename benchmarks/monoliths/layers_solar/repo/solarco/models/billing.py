from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Integer, Numeric, String,
                        Text, func)
from sqlalchemy.orm import relationship

from solarco.core.database import Base, TimestampMixin


class Invoice(Base, TimestampMixin):
    __tablename__ = "invoices"

    id = Column(Integer, primary_key=True)
    number = Column(String(20), unique=True, nullable=False)
    lead_id = Column(Integer, ForeignKey("leads.id"), nullable=False, index=True)
    project_id = Column(Integer, ForeignKey("installation_projects.id"))
    service_ticket_id = Column(Integer, ForeignKey("service_tickets.id"))
    contract_id = Column(Integer, ForeignKey("maintenance_contracts.id"))
    kind = Column(String(20))  # deposit, progress, final, service, contract, late_fee
    status = Column(String(20), default="open")  # draft, open, partially_paid, paid, void
    issue_date = Column(Date)
    due_date = Column(Date)
    subtotal = Column(Numeric(12, 2), default=0)
    tax = Column(Numeric(12, 2), default=0)
    total = Column(Numeric(12, 2), default=0)
    amount_paid = Column(Numeric(12, 2), default=0)
    currency = Column(String(3), default="USD")
    reminders_sent = Column(Integer, default=0)
    last_reminder_at = Column(DateTime)

    lines = relationship("InvoiceLine", back_populates="invoice", cascade="all, delete-orphan")
    payments = relationship("Payment", back_populates="invoice")

    @property
    def balance(self):
        return (self.total or 0) - (self.amount_paid or 0)


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"

    id = Column(Integer, primary_key=True)
    invoice_id = Column(Integer, ForeignKey("invoices.id"), nullable=False)
    description = Column(String(255))
    qty = Column(Numeric(10, 2), default=1)
    unit_price = Column(Numeric(12, 2))
    amount = Column(Numeric(12, 2))

    invoice = relationship("Invoice", back_populates="lines")


class Payment(Base):
    __tablename__ = "payments"

    id = Column(Integer, primary_key=True)
    invoice_id = Column(Integer, ForeignKey("invoices.id"), nullable=False, index=True)
    amount = Column(Numeric(12, 2), nullable=False)
    method = Column(String(20))  # ach, card, check, loan_funding, wire
    reference = Column(String(80))
    received_at = Column(DateTime, server_default=func.now())
    recorded_by = Column(String(200))

    invoice = relationship("Invoice", back_populates="payments")


class LoanProduct(Base):
    __tablename__ = "loan_products"

    id = Column(Integer, primary_key=True)
    lender = Column(String(80))
    name = Column(String(120))
    apr = Column(Numeric(5, 3))
    term_months = Column(Integer)
    dealer_fee_pct = Column(Numeric(5, 2))
    min_fico = Column(Integer)
    active = Column(Boolean, default=True)


class FinanceApplication(Base, TimestampMixin):
    __tablename__ = "finance_applications"

    id = Column(Integer, primary_key=True)
    quote_id = Column(Integer, ForeignKey("quotes.id"), nullable=False)
    lead_id = Column(Integer, ForeignKey("leads.id"), nullable=False)
    loan_product_id = Column(Integer, ForeignKey("loan_products.id"), nullable=False)
    amount = Column(Numeric(12, 2))
    status = Column(String(20), default="pending")  # pending, approved, declined, funded, cancelled
    external_ref = Column(String(80))
    decision_at = Column(DateTime)
    funded_at = Column(DateTime)
    decline_reason = Column(Text)

    loan_product = relationship("LoanProduct")
