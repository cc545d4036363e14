"""CRM models: leads, partners and quotes.

Quotes were added to this file "temporarily" in 2019.
"""
from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Integer, Numeric, String,
                        Text, func)
from sqlalchemy.orm import relationship

from solarco.core.database import Base, TimestampMixin

LEAD_STATUSES = ("new", "contacted", "qualified", "survey_booked", "quoted", "won", "lost")


class ReferralPartner(Base, TimestampMixin):
    __tablename__ = "referral_partners"

    id = Column(Integer, primary_key=True)
    name = Column(String(120), nullable=False)
    company = Column(String(120))
    email = Column(String(200))
    commission_pct = Column(Numeric(5, 2), default=5)
    active = Column(Boolean, default=True)

    leads = relationship("Lead", back_populates="referral_partner")


class Lead(Base, TimestampMixin):
    __tablename__ = "leads"

    id = Column(Integer, primary_key=True)
    first_name = Column(String(80), nullable=False)
    last_name = Column(String(80), nullable=False)
    email = Column(String(200), index=True)
    phone = Column(String(32))
    address_line1 = Column(String(200))
    city = Column(String(100))
    state = Column(String(2))
    zip_code = Column(String(10))
    source = Column(String(40), default="web")  # web, referral, door_knock, event, legacy_crm
    status = Column(String(20), default="new", index=True)
    lost_reason = Column(String(200))
    assigned_rep = Column(String(200))
    referral_partner_id = Column(Integer, ForeignKey("referral_partners.id"))
    monthly_bill_usd = Column(Numeric(10, 2))
    utility_name = Column(String(120))
    rate_per_kwh = Column(Numeric(6, 4))
    legacy_crm_id = Column(String(40))  # from the 2019 import, unused now

    referral_partner = relationship("ReferralPartner", back_populates="leads")
    activities = relationship("LeadActivity", back_populates="lead", order_by="LeadActivity.id")
    quotes = relationship("Quote", back_populates="lead")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class LeadActivity(Base):
    __tablename__ = "lead_activities"

    id = Column(Integer, primary_key=True)
    lead_id = Column(Integer, ForeignKey("leads.id"), nullable=False, index=True)
    kind = Column(String(30))  # call, email, note, status_change, sms
    note = Column(Text)
    created_by = Column(String(200))
    created_at = Column(DateTime, server_default=func.now())

    lead = relationship("Lead", back_populates="activities")


class Quote(Base, TimestampMixin):
    __tablename__ = "quotes"

    id = Column(Integer, primary_key=True)
    number = Column(String(20), unique=True, nullable=False)
    lead_id = Column(Integer, ForeignKey("leads.id"), nullable=False, index=True)
    survey_id = Column(Integer, ForeignKey("site_surveys.id"))
    revision = Column(Integer, default=1)
    status = Column(String(20), default="draft")  # draft, sent, accepted, expired, superseded
    system_size_kw = Column(Numeric(8, 2))
    panel_count = Column(Integer)
    panel_product_id = Column(Integer, ForeignKey("equipment_catalog.id"))
    inverter_product_id = Column(Integer, ForeignKey("equipment_catalog.id"))
    battery_product_id = Column(Integer, ForeignKey("equipment_catalog.id"))
    estimated_annual_kwh = Column(Numeric(10, 1))
    subtotal = Column(Numeric(12, 2), default=0)
    discount = Column(Numeric(12, 2), default=0)
    promo_code = Column(String(30))
    tax = Column(Numeric(12, 2), default=0)
    total = Column(Numeric(12, 2), default=0)
    valid_until = Column(Date)
    sent_at = Column(DateTime)
    accepted_at = Column(DateTime)
    financing_option = Column(String(20), default="cash")  # cash, loan, lease

    lead = relationship("Lead", back_populates="quotes")
    lines = relationship("QuoteLineItem", back_populates="quote", cascade="all, delete-orphan")


class QuoteLineItem(Base):
    __tablename__ = "quote_line_items"

    id = Column(Integer, primary_key=True)
    quote_id = Column(Integer, ForeignKey("quotes.id"), nullable=False, index=True)
    product_id = Column(Integer, ForeignKey("equipment_catalog.id"))
    kind = Column(String(20), default="equipment")  # equipment, labor, permit, adder
    description = Column(String(255))
    qty = Column(Numeric(10, 2), default=1)
    unit_price = Column(Numeric(12, 2), default=0)
    line_total = Column(Numeric(12, 2), default=0)

    quote = relationship("Quote", back_populates="lines")
