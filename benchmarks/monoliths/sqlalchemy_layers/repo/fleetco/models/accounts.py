"""Accounts: customers and the people we deal with.

Rate cards and drivers ended up here in 2021 because they were "accounts" too.
"""
from sqlalchemy import (
    Boolean, Column, Date, ForeignKey,
    Integer, Numeric, String, Text, UniqueConstraint,
)
from sqlalchemy.orm import relationship

from fleetco.common.db import Base
from fleetco.models.mixins import SoftDeleteMixin, TimestampMixin


class Customer(TimestampMixin, SoftDeleteMixin, Base):
    __tablename__ = "customers"

    id = Column(Integer, primary_key=True)
    account_code = Column(String(20), unique=True, nullable=False)
    name = Column(String(200), nullable=False)
    vat_number = Column(String(32))
    email = Column(String(200))
    phone = Column(String(40))
    credit_limit = Column(Numeric(12, 2), default=0)
    payment_terms_days = Column(Integer, default=30)
    on_hold = Column(Boolean, default=False)
    notes = Column(Text)

    contacts = relationship("CustomerContact", back_populates="customer", cascade="all, delete")
    addresses = relationship("CustomerAddress", back_populates="customer", cascade="all, delete")
    rate_card_id = Column(Integer, ForeignKey("rate_cards.id"), nullable=True)
    rate_card = relationship("RateCard")

class CustomerContact(Base):
    __tablename__ = "customer_contacts"

    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    full_name = Column(String(200), nullable=False)
    email = Column(String(200))
    phone = Column(String(40))
    role = Column(String(60))
    is_primary = Column(Boolean, default=False)

    customer = relationship("Customer", back_populates="contacts")


class CustomerAddress(Base):
    __tablename__ = "customer_addresses"

    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    kind = Column(String(20), default="billing")  # billing | pickup | delivery
    line1 = Column(String(200), nullable=False)
    line2 = Column(String(200))
    city = Column(String(100), nullable=False)
    postcode = Column(String(20), nullable=False)
    country = Column(String(2), default="NL")
    lat = Column(Numeric(9, 6))
    lon = Column(Numeric(9, 6))

    customer = relationship("Customer", back_populates="addresses")

    def one_line(self):
        parts = [self.line1, self.line2, f"{self.postcode} {self.city}", self.country]
        return ", ".join(p for p in parts if p)


class RateCard(TimestampMixin, Base):
    __tablename__ = "rate_cards"

    id = Column(Integer, primary_key=True)
    name = Column(String(100), nullable=False)
    currency = Column(String(3), default="EUR")
    base_fee = Column(Numeric(10, 2), default=0)
    per_km = Column(Numeric(10, 4), default=0)
    per_kg = Column(Numeric(10, 4), default=0)
    min_charge = Column(Numeric(10, 2), default=0)
    fuel_surcharge_pct = Column(Numeric(5, 2), default=0)
    valid_from = Column(Date)
    valid_to = Column(Date)
    active = Column(Boolean, default=True)


class Driver(TimestampMixin, Base):
    __tablename__ = "drivers"
    __table_args__ = (UniqueConstraint("employee_no"),)

    id = Column(Integer, primary_key=True)
    employee_no = Column(String(20), nullable=False)
    first_name = Column(String(100), nullable=False)
    last_name = Column(String(100), nullable=False)
    phone = Column(String(40))
    email = Column(String(200))
    home_depot = Column(String(60))
    active = Column(Boolean, default=True)
    max_weekly_hours = Column(Integer, default=56)

    licenses = relationship("DriverLicense", back_populates="driver")
    shifts = relationship("DriverShift", back_populates="driver")

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"


class DriverLicense(Base):
    __tablename__ = "driver_licenses"

    id = Column(Integer, primary_key=True)
    driver_id = Column(Integer, ForeignKey("drivers.id"), nullable=False)
    category = Column(String(10), nullable=False)  # B, C, CE, ADR...
    number = Column(String(40))
    issued_on = Column(Date)
    expires_on = Column(Date, nullable=False)

    driver = relationship("Driver", back_populates="licenses")
