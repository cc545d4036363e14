"""Core tables.

This is the models.py of the first release (2021) moved into the package.
Newer tables live in their own modules; please don't add more here."""
import datetime as dt

from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Integer, Numeric,
                        String, Text, UniqueConstraint)
from sqlalchemy.orm import relationship

from models.base import Base, IdMixin, TimestampMixin


def format_record_number(prefix, year, seq):
    """BLD-2022-00042 style numbers used on every printed record."""
    return "%s-%d-%05d" % (prefix, year, seq)


class ApplicationStatus:
    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    CORRECTIONS = "corrections_required"
    APPROVED = "approved"
    ISSUED = "issued"
    DENIED = "denied"
    WITHDRAWN = "withdrawn"

    OPEN = (SUBMITTED, IN_REVIEW, CORRECTIONS, APPROVED)
    CLOSED = (ISSUED, DENIED, WITHDRAWN)


class PermitType:
    BUILDING = "BLD"
    ELECTRICAL = "ELE"
    PLUMBING = "PLM"
    MECHANICAL = "MEC"
    DEMOLITION = "DEM"
    SIGN = "SGN"
    FENCE = "FNC"
    ROOFING = "ROF"

    ALL = (BUILDING, ELECTRICAL, PLUMBING, MECHANICAL, DEMOLITION, SIGN, FENCE, ROOFING)
    NEEDS_PLANS = (BUILDING, DEMOLITION, SIGN)


class InspectionOutcome:
    PASS = "pass"
    FAIL = "fail"
    PARTIAL = "partial"
    NO_ACCESS = "no_access"
    CANCELLED = "cancelled"


class Parcel(Base, IdMixin):
    __tablename__ = "parcels"

    apn = Column(String(20), unique=True, nullable=False)  # assessor parcel number
    street_number = Column(String(10))
    street_name = Column(String(80))
    zoning = Column(String(10))
    owner_name = Column(String(120))
    district_id = Column(Integer, ForeignKey("districts.id"))
    latitude = Column(Numeric(9, 6))
    longitude = Column(Numeric(9, 6))
    historic_district = Column(Boolean, default=False)

    district = relationship("District")
    applications = relationship("PermitApplication", back_populates="parcel")

    @property
    def address(self):
        return "%s %s" % (self.street_number or "", self.street_name or "")


class Applicant(Base, IdMixin, TimestampMixin):
    __tablename__ = "applicants"

    full_name = Column(String(120), nullable=False)
    company = Column(String(120))
    email = Column(String(120), index=True)
    phone = Column(String(30))
    mailing_address = Column(Text)
    is_owner = Column(Boolean, default=False)


class PermitApplication(Base, IdMixin, TimestampMixin):
    __tablename__ = "permit_applications"

    number = Column(String(20), unique=True)
    permit_type = Column(String(3), nullable=False)
    work_class = Column(String(30))  # new, addition, alteration, repair
    parcel_id = Column(Integer, ForeignKey("parcels.id"), nullable=False)
    applicant_id = Column(Integer, ForeignKey("applicants.id"), nullable=False)
    contractor_id = Column(Integer, ForeignKey("contractors.id"))  # prime; subs in application_contractors
    description = Column(Text)
    valuation = Column(Numeric(12, 2), default=0)
    square_feet = Column(Integer, default=0)
    status = Column(String(30), default=ApplicationStatus.DRAFT, nullable=False)
    submitted_at = Column(DateTime)
    decided_at = Column(DateTime)
    assigned_reviewer_id = Column(Integer, ForeignKey("staff.id"))
    expedited = Column(Boolean, default=False)
    owner_builder = Column(Boolean, default=False)
    notes = Column(Text)

    parcel = relationship("Parcel", back_populates="applications")
    applicant = relationship("Applicant")
    contractor = relationship("Contractor")
    reviewer = relationship("StaffMember", foreign_keys=[assigned_reviewer_id])
    fees = relationship("AssessedFee", back_populates="application")
    payments = relationship("Payment", back_populates="application")
    permit = relationship("Permit", back_populates="application", uselist=False)
    reviews = relationship("PlanReview", back_populates="application")

    @property
    def is_open(self):
        return self.status in ApplicationStatus.OPEN

    def total_fees_cents(self):
        return sum(f.amount_cents for f in self.fees if not f.waived)

    def balance_due_cents(self):
        paid = sum(p.amount_cents for p in self.payments if not p.voided)
        return self.total_fees_cents() - paid


class ApplicationContractor(Base, IdMixin):
    __tablename__ = "application_contractors"
    __table_args__ = (UniqueConstraint("application_id", "contractor_id", "trade"),)

    application_id = Column(Integer, ForeignKey("permit_applications.id"), nullable=False)
    contractor_id = Column(Integer, ForeignKey("contractors.id"), nullable=False)
    trade = Column(String(20))
    added_at = Column(DateTime, default=dt.datetime.utcnow)

    contractor = relationship("Contractor")


class Permit(Base, IdMixin, TimestampMixin):
    __tablename__ = "permits"

    ACTIVE = "active"
    SUSPENDED = "suspended"
    EXPIRED = "expired"
    FINALED = "finaled"
    REVOKED = "revoked"

    number = Column(String(20), unique=True, nullable=False)
    application_id = Column(Integer, ForeignKey("permit_applications.id"), unique=True, nullable=False)
    issued_at = Column(DateTime, nullable=False)
    issued_by_id = Column(Integer, ForeignKey("staff.id"))
    expires_on = Column(Date, nullable=False)
    extensions = Column(Integer, default=0)
    status = Column(String(20), default=ACTIVE)
    finaled_at = Column(DateTime)
    revoked_reason = Column(Text)

    application = relationship("PermitApplication", back_populates="permit")
    inspections = relationship("Inspection", back_populates="permit", order_by="Inspection.scheduled_for")

    def is_expired(self, today=None):
        today = today or dt.date.today()
        return self.status == self.EXPIRED or (self.status == self.ACTIVE and self.expires_on < today)

    def extend(self, days):
        self.expires_on = self.expires_on + dt.timedelta(days=days)
        self.extensions = (self.extensions or 0) + 1


class Contractor(Base, IdMixin, TimestampMixin):
    __tablename__ = "contractors"

    business_name = Column(String(150), nullable=False)
    dba = Column(String(150))
    tax_id = Column(String(20))
    email = Column(String(120))
    phone = Column(String(30))
    address = Column(Text)
    status = Column(String(20), default="active")  # active, suspended, revoked, inactive
    suspended_until = Column(Date)
    suspension_reason = Column(Text)

    licenses = relationship("ContractorLicense", back_populates="contractor")
    insurance = relationship("InsuranceCertificate", back_populates="contractor")

    @property
    def display_name(self):
        if self.dba:
            return "%s (dba %s)" % (self.business_name, self.dba)
        return self.business_name


class AssessedFee(Base, IdMixin):
    __tablename__ = "assessed_fees"

    application_id = Column(Integer, ForeignKey("permit_applications.id"), nullable=False)
    schedule_item_id = Column(Integer, ForeignKey("fee_schedule_items.id"))
    code = Column(String(20), nullable=False)
    description = Column(String(200))
    amount_cents = Column(Integer, nullable=False)
    waived = Column(Boolean, default=False)
    waived_reason = Column(Text)
    assessed_at = Column(DateTime, default=dt.datetime.utcnow)
    assessed_by_id = Column(Integer, ForeignKey("staff.id"))

    application = relationship("PermitApplication", back_populates="fees")
    schedule_item = relationship("FeeScheduleItem")


class Payment(Base, IdMixin):
    __tablename__ = "payments"

    receipt_number = Column(String(20), unique=True)
    application_id = Column(Integer, ForeignKey("permit_applications.id"))
    citation_id = Column(Integer, ForeignKey("citations.id"))
    contractor_id = Column(Integer, ForeignKey("contractors.id"))  # license fees
    amount_cents = Column(Integer, nullable=False)
    method = Column(String(10))  # card, check, cash, ach
    reference = Column(String(60))
    payer_name = Column(String(120))
    received_at = Column(DateTime, default=dt.datetime.utcnow)
    received_by_id = Column(Integer, ForeignKey("staff.id"))
    voided = Column(Boolean, default=False)
    void_reason = Column(Text)

    application = relationship("PermitApplication", back_populates="payments")
    citation = relationship("Citation")


class Inspection(Base, IdMixin, TimestampMixin):
    __tablename__ = "inspections"

    permit_id = Column(Integer, ForeignKey("permits.id"), nullable=False)
    request_id = Column(Integer, ForeignKey("inspection_requests.id"))
    inspection_type_id = Column(Integer, ForeignKey("inspection_types.id"), nullable=False)
    inspector_id = Column(Integer, ForeignKey("staff.id"))
    scheduled_for = Column(Date)
    window = Column(String(2))  # AM / PM
    route_order = Column(Integer)
    status = Column(String(20), default="scheduled")  # scheduled, completed, cancelled
    outcome = Column(String(20))
    completed_at = Column(DateTime)
    notes = Column(Text)
    reinspection_of_id = Column(Integer, ForeignKey("inspections.id"))

    permit = relationship("Permit", back_populates="inspections")
    inspection_type = relationship("InspectionType")
    inspector = relationship("StaffMember")
    checklist = relationship("ChecklistResult", back_populates="inspection")
    deficiencies = relationship("Deficiency", back_populates="inspection")
    reinspection_of = relationship("Inspection", remote_side="Inspection.id")


class StaffMember(Base, IdMixin):
    __tablename__ = "staff"

    ROLES = ("admin", "clerk", "reviewer", "inspector", "officer", "supervisor", "cashier")

    username = Column(String(40), unique=True, nullable=False)
    full_name = Column(String(120))
    email = Column(String(120))
    roles = Column(String(200), default="")  # comma separated, see ROLES
    password_hash = Column(String(100))
    active = Column(Boolean, default=True)
    district_id = Column(Integer, ForeignKey("districts.id"))
    max_daily_inspections = Column(Integer, default=8)
    last_login_at = Column(DateTime)

    district = relationship("District", foreign_keys=[district_id])
    certifications = relationship("InspectorCertification", back_populates="staff")

    def has_role(self, *roles):
        mine = set(r.strip() for r in (self.roles or "").split(",") if r.strip())
        return "admin" in mine or bool(mine & set(roles))

    def check_password(self, password):
        import bcrypt

        if not self.password_hash:
            return False
        return bcrypt.checkpw(password.encode(), self.password_hash.encode())
