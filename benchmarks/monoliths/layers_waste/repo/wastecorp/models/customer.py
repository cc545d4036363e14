from sqlalchemy import (Column, Integer, String, Date, DateTime, Boolean,
                        ForeignKey, Numeric, Text)
from sqlalchemy.orm import relationship

from wastecorp.extensions import db
from wastecorp.models import TimestampMixin, SoftDeleteMixin, AuditMixin

__all__ = ["Customer", "ServiceAddress", "Contract", "ContractService",
           "CustomerContact", "CustomerNote"]

CUSTOMER_TYPES = ("DOMESTIC", "COMMERCIAL", "COUNCIL", "SCHOOL")
CONTRACT_STATUSES = ("DRAFT", "ACTIVE", "SUSPENDED", "TERMINATED", "EXPIRED")


class Customer(db.Model, TimestampMixin, SoftDeleteMixin):
    __tablename__ = "customers"

    id = Column(Integer, primary_key=True)
    account_no = Column(String(16), unique=True, nullable=False)
    name = Column(String(200), nullable=False)
    customer_type = Column(String(16), default="COMMERCIAL", nullable=False)
    company_reg_no = Column(String(16))
    vat_number = Column(String(20))
    billing_email = Column(String(200))
    billing_address = Column(Text)
    credit_limit = Column(Numeric(12, 2))
    on_stop = Column(Boolean, default=False, nullable=False)
    payment_terms_days = Column(Integer, default=30)
    direct_debit_ref = Column(String(32))

    addresses = relationship("ServiceAddress", back_populates="customer",
                             cascade="all, delete-orphan")
    contracts = relationship("Contract", back_populates="customer")
    contacts = relationship("CustomerContact", back_populates="customer")
    notes = relationship("CustomerNote", order_by="CustomerNote.created_at.desc()")

    def __repr__(self):
        return "<Customer %s %s>" % (self.account_no, self.name)


class ServiceAddress(db.Model, TimestampMixin):
    __tablename__ = "service_addresses"

    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    uprn = Column(String(12), index=True)
    line1 = Column(String(200), nullable=False)
    line2 = Column(String(200))
    town = Column(String(100))
    postcode = Column(String(10), index=True)
    lat = Column(Numeric(9, 6))
    lon = Column(Numeric(9, 6))
    access_notes = Column(Text)
    active = Column(Boolean, default=True)

    customer = relationship("Customer", back_populates="addresses")

    @property
    def one_line(self):
        return ", ".join(p for p in (self.line1, self.line2, self.town, self.postcode) if p)


class Contract(db.Model, TimestampMixin, AuditMixin):
    __tablename__ = "contracts"

    id = Column(Integer, primary_key=True)
    contract_no = Column(String(20), unique=True, nullable=False)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    status = Column(String(16), default="DRAFT", nullable=False)
    start_date = Column(Date, nullable=False)
    end_date = Column(Date)
    auto_renew = Column(Boolean, default=True)
    notice_days = Column(Integer, default=90)
    discount_pct = Column(Numeric(5, 2))
    billing_frequency = Column(String(10), default="MONTHLY")
    signed_at = Column(DateTime)
    terminated_reason = Column(String(200))

    customer = relationship("Customer", back_populates="contracts")
    services = relationship("ContractService", back_populates="contract",
                            cascade="all, delete-orphan")

    @property
    def is_active(self):
        return self.status == "ACTIVE"


class ContractService(db.Model):
    """One line of a contract: e.g. 2 x 1100L general waste, weekly, Tue."""
    __tablename__ = "contract_services"

    id = Column(Integer, primary_key=True)
    contract_id = Column(Integer, ForeignKey("contracts.id"), nullable=False)
    service_address_id = Column(Integer, ForeignKey("service_addresses.id"), nullable=False)
    container_type_id = Column(Integer, ForeignKey("container_types.id"))
    waste_stream_code = Column(String(10))
    quantity = Column(Integer, default=1, nullable=False)
    frequency = Column(String(12), default="WEEKLY")   # WEEKLY, FORTNIGHTLY, ON_CALL
    collection_day = Column(Integer)                    # 0=Mon
    tariff_code = Column(String(20))
    pay_by_weight = Column(Boolean, default=False)
    start_date = Column(Date)
    end_date = Column(Date)

    contract = relationship("Contract", back_populates="services")
    service_address = relationship("ServiceAddress")


class CustomerContact(db.Model):
    __tablename__ = "customer_contacts"

    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    name = Column(String(120))
    role = Column(String(60))
    email = Column(String(200))
    phone = Column(String(30))
    is_primary = Column(Boolean, default=False)
    receives_invoices = Column(Boolean, default=False)

    customer = relationship("Customer", back_populates="contacts")


class CustomerNote(db.Model, TimestampMixin):
    __tablename__ = "customer_notes"

    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    author = Column(String(64))
    category = Column(String(20), default="GENERAL")
    body = Column(Text, nullable=False)
