"""Contractor licensing (added with the 2021 licensing ordinance)."""
import datetime as dt

from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import relationship

from models.base import Base, IdMixin, TimestampMixin


class LicenseClass:
    GENERAL_A = "GEN-A"  # unlimited
    GENERAL_B = "GEN-B"  # residential up to 3 stories
    ELECTRICAL = "ELEC"
    PLUMBING = "PLMB"
    MECHANICAL = "MECH"
    ROOFING = "ROOF"
    DEMOLITION = "DEMO"

    # which license lets you pull which permit type
    PERMIT_TYPES = {
        GENERAL_A: ("BLD", "DEM", "SGN", "FNC", "ROF"),
        GENERAL_B: ("BLD", "FNC", "ROF"),
        ELECTRICAL: ("ELE", "SGN"),
        PLUMBING: ("PLM",),
        MECHANICAL: ("MEC",),
        ROOFING: ("ROF",),
        DEMOLITION: ("DEM",),
    }


class ContractorLicense(Base, IdMixin, TimestampMixin):
    __tablename__ = "contractor_licenses"

    contractor_id = Column(Integer, ForeignKey("contractors.id"), nullable=False)
    license_class = Column(String(10), nullable=False)
    number = Column(String(20), unique=True, nullable=False)
    state_license_number = Column(String(30))
    qualifier_name = Column(String(120))
    issued_on = Column(Date, nullable=False)
    expires_on = Column(Date, nullable=False)
    status = Column(String(20), default="active")  # active, expired, suspended, revoked

    contractor = relationship("Contractor", back_populates="licenses")
    renewals = relationship("LicenseRenewal", back_populates="license")

    def is_current(self, on_date=None):
        on_date = on_date or dt.date.today()
        return self.status == "active" and self.issued_on <= on_date <= self.expires_on


class InsuranceCertificate(Base, IdMixin):
    __tablename__ = "insurance_certificates"

    contractor_id = Column(Integer, ForeignKey("contractors.id"), nullable=False)
    kind = Column(String(30))  # general_liability, workers_comp, bond
    carrier = Column(String(120))
    policy_number = Column(String(60))
    coverage_cents = Column(Integer)
    effective_on = Column(Date)
    expires_on = Column(Date)
    document_id = Column(Integer, ForeignKey("documents.id"))
    received_at = Column(DateTime, default=dt.datetime.utcnow)

    contractor = relationship("Contractor", back_populates="insurance")


class LicenseRenewal(Base, IdMixin):
    __tablename__ = "license_renewals"

    license_id = Column(Integer, ForeignKey("contractor_licenses.id"), nullable=False)
    requested_on = Column(Date, default=dt.date.today)
    payment_id = Column(Integer, ForeignKey("payments.id"))
    status = Column(String(20), default="pending")  # pending, approved, rejected
    new_expires_on = Column(Date)
    decided_by_id = Column(Integer, ForeignKey("staff.id"))
    decided_at = Column(DateTime)

    license = relationship("ContractorLicense", back_populates="renewals")
