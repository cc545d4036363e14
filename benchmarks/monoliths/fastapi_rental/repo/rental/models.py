import datetime as dt
import enum
from decimal import Decimal
from typing import Optional

from sqlalchemy import JSON, Boolean, Date, DateTime, Enum, ForeignKey, Integer, Numeric, String, Text, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class TimestampMixin:
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), onupdate=func.now())


# ---------------------------------------------------------------- fleet

class VehicleStatus(str, enum.Enum):
    AVAILABLE = "available"
    RENTED = "rented"
    IN_SERVICE = "in_service"
    DAMAGED = "damaged"
    IN_TRANSFER = "in_transfer"
    RETIRED = "retired"


class Branch(TimestampMixin, Base):
    __tablename__ = "branches"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    city: Mapped[str] = mapped_column(String(80))
    opens_at: Mapped[Optional[str]] = mapped_column(String(5))  # "08:00", yes a string
    is_airport: Mapped[bool] = mapped_column(Boolean, default=False)
    vehicles: Mapped[list["Vehicle"]] = relationship(back_populates="branch")


class VehicleCategory(Base):
    __tablename__ = "vehicle_categories"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(4), unique=True)  # ACRISS-ish: ECMR, CDAR, ...
    label: Mapped[str] = mapped_column(String(80))
    seats: Mapped[int] = mapped_column(Integer, default=5)
    deposit_amount: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("300.00"))
    min_driver_age: Mapped[int] = mapped_column(Integer, default=21)
    vehicles: Mapped[list["Vehicle"]] = relationship(back_populates="category")


class Vehicle(TimestampMixin, Base):
    __tablename__ = "vehicles"
    id: Mapped[int] = mapped_column(primary_key=True)
    plate: Mapped[str] = mapped_column(String(16), unique=True)
    make: Mapped[str] = mapped_column(String(40))
    model: Mapped[str] = mapped_column(String(60))
    year: Mapped[int] = mapped_column(Integer)
    fuel_type: Mapped[str] = mapped_column(String(12), default="petrol")
    mileage_km: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[VehicleStatus] = mapped_column(Enum(VehicleStatus), default=VehicleStatus.AVAILABLE)
    category_id: Mapped[int] = mapped_column(ForeignKey("vehicle_categories.id"))
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    acquired_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    retired_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    category: Mapped[VehicleCategory] = relationship(back_populates="vehicles")
    branch: Mapped[Branch] = relationship(back_populates="vehicles")
    readings: Mapped[list["OdometerReading"]] = relationship(back_populates="vehicle")


class OdometerReading(Base):
    __tablename__ = "odometer_readings"
    id: Mapped[int] = mapped_column(primary_key=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicles.id"))
    km: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(20), default="manual")  # manual|handover|telematics
    read_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    vehicle: Mapped[Vehicle] = relationship(back_populates="readings")


# ---------------------------------------------------------------- customers

class CustomerStatus(str, enum.Enum):
    ACTIVE = "active"
    BLOCKED = "blocked"
    MERGED = "merged"


class Account(TimestampMixin, Base):
    """Corporate account (a company renting for its staff), NOT a ledger account."""
    __tablename__ = "corporate_accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    company_name: Mapped[str] = mapped_column(String(160))
    vat_number: Mapped[Optional[str]] = mapped_column(String(20))
    discount_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("0"))
    pays_by_invoice: Mapped[bool] = mapped_column(Boolean, default=False)
    customers: Mapped[list["Customer"]] = relationship(back_populates="account")


class Customer(TimestampMixin, Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    email: Mapped[str] = mapped_column(String(200), index=True)
    phone: Mapped[Optional[str]] = mapped_column(String(30))
    birth_date: Mapped[Optional[dt.date]] = mapped_column(Date)
    status: Mapped[CustomerStatus] = mapped_column(Enum(CustomerStatus), default=CustomerStatus.ACTIVE)
    blocked_reason: Mapped[Optional[str]] = mapped_column(String(200))
    marketing_opt_in: Mapped[bool] = mapped_column(Boolean, default=False)
    account_id: Mapped[Optional[int]] = mapped_column(ForeignKey("corporate_accounts.id"))
    merged_into_id: Mapped[Optional[int]] = mapped_column(ForeignKey("customers.id"))
    account: Mapped[Optional[Account]] = relationship(back_populates="customers")
    licences: Mapped[list["DrivingLicence"]] = relationship(back_populates="customer")
    reservations: Mapped[list["Reservation"]] = relationship(back_populates="customer")


class DrivingLicence(Base):
    __tablename__ = "driving_licences"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    number: Mapped[str] = mapped_column(String(40))
    country: Mapped[str] = mapped_column(String(2))
    issued_on: Mapped[dt.date] = mapped_column(Date)
    expires_on: Mapped[dt.date] = mapped_column(Date)
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    customer: Mapped[Customer] = relationship(back_populates="licences")


# ---------------------------------------------------------------- reservations

class ReservationStatus(str, enum.Enum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    ON_RENT = "on_rent"
    RETURNED = "returned"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


class Reservation(TimestampMixin, Base):
    __tablename__ = "reservations"
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    category_id: Mapped[int] = mapped_column(ForeignKey("vehicle_categories.id"))
    vehicle_id: Mapped[Optional[int]] = mapped_column(ForeignKey("vehicles.id"))
    pickup_branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    return_branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    pickup_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    return_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[ReservationStatus] = mapped_column(Enum(ReservationStatus), default=ReservationStatus.PENDING)
    promo_code: Mapped[Optional[str]] = mapped_column(String(20))
    quoted_total: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    channel: Mapped[str] = mapped_column(String(20), default="web")
    cancelled_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime(timezone=True))
    customer: Mapped[Customer] = relationship(back_populates="reservations")
    vehicle: Mapped[Optional[Vehicle]] = relationship()
    category: Mapped[VehicleCategory] = relationship()
    extras: Mapped[list["ReservationExtra"]] = relationship(back_populates="reservation", cascade="all, delete-orphan")
    agreement: Mapped[Optional["RentalAgreement"]] = relationship(back_populates="reservation", uselist=False)


class ReservationExtra(Base):
    __tablename__ = "reservation_extras"
    id: Mapped[int] = mapped_column(primary_key=True)
    reservation_id: Mapped[int] = mapped_column(ForeignKey("reservations.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("extra_products.id"))
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    price_each: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    reservation: Mapped[Reservation] = relationship(back_populates="extras")
    product: Mapped["ExtraProduct"] = relationship()


class RentalAgreement(TimestampMixin, Base):
    __tablename__ = "rental_agreements"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)
    reservation_id: Mapped[int] = mapped_column(ForeignKey("reservations.id"), unique=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicles.id"))
    signed_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime(timezone=True))
    final_total: Mapped[Optional[Decimal]] = mapped_column(Numeric(10, 2))
    reservation: Mapped[Reservation] = relationship(back_populates="agreement")
    handovers: Mapped[list["Handover"]] = relationship(back_populates="agreement")


class HandoverKind(str, enum.Enum):
    CHECK_OUT = "check_out"
    CHECK_IN = "check_in"


class Handover(Base):
    __tablename__ = "handovers"
    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("rental_agreements.id"))
    kind: Mapped[HandoverKind] = mapped_column(Enum(HandoverKind))
    km: Mapped[int] = mapped_column(Integer)
    fuel_eighths: Mapped[int] = mapped_column(Integer, default=8)
    damage_diagram: Mapped[Optional[dict]] = mapped_column(JSON)  # {"front_left": "scratch", ...}
    staff_user: Mapped[Optional[str]] = mapped_column(String(40))
    happened_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    agreement: Mapped[RentalAgreement] = relationship(back_populates="handovers")


# ---------------------------------------------------------------- pricing

class RatePlan(TimestampMixin, Base):
    __tablename__ = "rate_plans"
    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("vehicle_categories.id"))
    branch_id: Mapped[Optional[int]] = mapped_column(ForeignKey("branches.id"))  # NULL = all branches
    daily_rate: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    weekly_rate: Mapped[Optional[Decimal]] = mapped_column(Numeric(8, 2))
    km_included_per_day: Mapped[int] = mapped_column(Integer, default=250)
    extra_km_price: Mapped[Decimal] = mapped_column(Numeric(6, 2), default=Decimal("0.25"))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[Optional[dt.date]] = mapped_column(Date)
    seasons: Mapped[list["SeasonRule"]] = relationship(back_populates="rate_plan")


class SeasonRule(Base):
    __tablename__ = "season_rules"
    id: Mapped[int] = mapped_column(primary_key=True)
    rate_plan_id: Mapped[int] = mapped_column(ForeignKey("rate_plans.id"))
    name: Mapped[str] = mapped_column(String(40))
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    multiplier: Mapped[Decimal] = mapped_column(Numeric(4, 2), default=Decimal("1.00"))
    rate_plan: Mapped[RatePlan] = relationship(back_populates="seasons")


class ExtraProduct(Base):
    __tablename__ = "extra_products"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)  # GPS, CHILDSEAT, SNOWCHAIN, ADDDRIVER
    name: Mapped[str] = mapped_column(String(80))
    price_per_day: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    max_price: Mapped[Optional[Decimal]] = mapped_column(Numeric(8, 2))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class PromoCode(Base):
    __tablename__ = "promo_codes"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    percent_off: Mapped[Optional[Decimal]] = mapped_column(Numeric(5, 2))
    amount_off: Mapped[Optional[Decimal]] = mapped_column(Numeric(8, 2))
    valid_until: Mapped[Optional[dt.date]] = mapped_column(Date)
    max_uses: Mapped[Optional[int]] = mapped_column(Integer)
    times_used: Mapped[int] = mapped_column(Integer, default=0)


# ---------------------------------------------------------------- payments

class PaymentStatus(str, enum.Enum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    REFUNDED = "refunded"


class PaymentMethod(str, enum.Enum):
    CARD = "card"
    CASH = "cash"
    INVOICE = "invoice"


class Payment(TimestampMixin, Base):
    __tablename__ = "payments"
    id: Mapped[int] = mapped_column(primary_key=True)
    reservation_id: Mapped[Optional[int]] = mapped_column(ForeignKey("reservations.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    method: Mapped[PaymentMethod] = mapped_column(Enum(PaymentMethod), default=PaymentMethod.CARD)
    status: Mapped[PaymentStatus] = mapped_column(Enum(PaymentStatus), default=PaymentStatus.PENDING)
    gateway_ref: Mapped[Optional[str]] = mapped_column(String(64))
    purpose: Mapped[str] = mapped_column(String(20), default="rental")  # rental|damage|fee|refund


class DepositHold(TimestampMixin, Base):
    __tablename__ = "deposit_holds"
    id: Mapped[int] = mapped_column(primary_key=True)
    reservation_id: Mapped[int] = mapped_column(ForeignKey("reservations.id"))
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    captured_amount: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"))
    gateway_ref: Mapped[Optional[str]] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12), default="held")  # held|captured|released|expired
    expires_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime(timezone=True))


class Invoice(TimestampMixin, Base):
    __tablename__ = "invoices"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    account_id: Mapped[Optional[int]] = mapped_column(ForeignKey("corporate_accounts.id"))
    agreement_id: Mapped[Optional[int]] = mapped_column(ForeignKey("rental_agreements.id"))
    issued_on: Mapped[dt.date] = mapped_column(Date)
    due_on: Mapped[dt.date] = mapped_column(Date)
    net_total: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"))
    vat_total: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"))
    paid: Mapped[bool] = mapped_column(Boolean, default=False)
    lines: Mapped[list["InvoiceLine"]] = relationship(back_populates="invoice", cascade="all, delete-orphan")


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"))
    description: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[Decimal] = mapped_column(Numeric(8, 2), default=Decimal("1"))
    unit_price: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    vat_rate: Mapped[Decimal] = mapped_column(Numeric(4, 2), default=Decimal("0.21"))
    invoice: Mapped[Invoice] = relationship(back_populates="lines")


# ---------------------------------------------------------------- maintenance

class JobStatus(str, enum.Enum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class Workshop(Base):
    __tablename__ = "workshops"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    branch_id: Mapped[Optional[int]] = mapped_column(ForeignKey("branches.id"))
    is_internal: Mapped[bool] = mapped_column(Boolean, default=False)
    email: Mapped[Optional[str]] = mapped_column(String(200))


class MaintenanceJob(TimestampMixin, Base):
    __tablename__ = "maintenance_jobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicles.id"))
    workshop_id: Mapped[Optional[int]] = mapped_column(ForeignKey("workshops.id"))
    damage_report_id: Mapped[Optional[int]] = mapped_column(ForeignKey("damage_reports.id"))
    kind: Mapped[str] = mapped_column(String(20))  # service|tyres|repair|inspection
    status: Mapped[JobStatus] = mapped_column(Enum(JobStatus), default=JobStatus.PLANNED)
    planned_for: Mapped[dt.date] = mapped_column(Date)
    finished_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    km_at_service: Mapped[Optional[int]] = mapped_column(Integer)
    cost: Mapped[Optional[Decimal]] = mapped_column(Numeric(10, 2))
    notes: Mapped[Optional[str]] = mapped_column(Text)
    vehicle: Mapped[Vehicle] = relationship()
    workshop: Mapped[Optional[Workshop]] = relationship()


class ServiceInterval(Base):
    __tablename__ = "service_intervals"
    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("vehicle_categories.id"))
    kind: Mapped[str] = mapped_column(String(20))
    every_km: Mapped[Optional[int]] = mapped_column(Integer)
    every_days: Mapped[Optional[int]] = mapped_column(Integer)


# ---------------------------------------------------------------- damage & claims

class ClaimStatus(str, enum.Enum):
    OPEN = "open"
    SUBMITTED = "submitted"
    SETTLED = "settled"
    REJECTED = "rejected"


class DamageReport(TimestampMixin, Base):
    __tablename__ = "damage_reports"
    id: Mapped[int] = mapped_column(primary_key=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicles.id"))
    agreement_id: Mapped[Optional[int]] = mapped_column(ForeignKey("rental_agreements.id"))
    zone: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(Text)
    severity: Mapped[int] = mapped_column(Integer, default=1)  # 1 cosmetic .. 4 total loss
    estimated_cost: Mapped[Optional[Decimal]] = mapped_column(Numeric(10, 2))
    photos: Mapped[Optional[list]] = mapped_column(JSON)
    charged_to_customer: Mapped[bool] = mapped_column(Boolean, default=False)
    vehicle: Mapped[Vehicle] = relationship()


class InsurancePolicy(Base):
    __tablename__ = "insurance_policies"
    id: Mapped[int] = mapped_column(primary_key=True)
    insurer: Mapped[str] = mapped_column(String(80))
    policy_number: Mapped[str] = mapped_column(String(40))
    category_id: Mapped[Optional[int]] = mapped_column(ForeignKey("vehicle_categories.id"))
    excess_amount: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("1000.00"))
    reduced_excess_amount: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("250.00"))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date] = mapped_column(Date)


class Claim(TimestampMixin, Base):
    __tablename__ = "claims"
    id: Mapped[int] = mapped_column(primary_key=True)
    damage_report_id: Mapped[int] = mapped_column(ForeignKey("damage_reports.id"))
    policy_id: Mapped[Optional[int]] = mapped_column(ForeignKey("insurance_policies.id"))
    status: Mapped[ClaimStatus] = mapped_column(Enum(ClaimStatus), default=ClaimStatus.OPEN)
    insurer_reference: Mapped[Optional[str]] = mapped_column(String(40))
    claimed_amount: Mapped[Optional[Decimal]] = mapped_column(Numeric(10, 2))
    settled_amount: Mapped[Optional[Decimal]] = mapped_column(Numeric(10, 2))
    customer_liability: Mapped[Optional[Decimal]] = mapped_column(Numeric(10, 2))
    damage: Mapped[DamageReport] = relationship()
    policy: Mapped[Optional[InsurancePolicy]] = relationship()


# ---------------------------------------------------------------- notifications

class Channel(str, enum.Enum):
    EMAIL = "email"
    SMS = "sms"


class MessageTemplate(Base):
    __tablename__ = "message_templates"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(2), default="en")
    channel: Mapped[Channel] = mapped_column(Enum(Channel), default=Channel.EMAIL)
    subject: Mapped[Optional[str]] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)


class OutboundMessage(Base):
    __tablename__ = "outbound_messages"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[Optional[int]] = mapped_column(ForeignKey("customers.id"))
    channel: Mapped[Channel] = mapped_column(Enum(Channel))
    recipient: Mapped[str] = mapped_column(String(200))
    template_key: Mapped[str] = mapped_column(String(40))
    payload: Mapped[Optional[dict]] = mapped_column(JSON)
    sent_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[Optional[str]] = mapped_column(String(300))
