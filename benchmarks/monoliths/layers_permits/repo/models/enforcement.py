"""Code enforcement. Ported from the Access database the enforcement unit
used until 2021 - column names follow the old forms where possible."""
import datetime as dt

from sqlalchemy import Boolean, Column, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import relationship

from models.base import Base, IdMixin, TimestampMixin


class Complaint(Base, IdMixin):
    __tablename__ = "complaints"

    received_at = Column(DateTime, default=dt.datetime.utcnow)
    source = Column(String(10))  # phone, web, 311, inspector, walkin
    parcel_id = Column(Integer, ForeignKey("parcels.id"))
    address_text = Column(String(200))
    category = Column(String(40))  # unpermitted_work, unsafe_structure, property_maintenance, zoning
    description = Column(Text)
    reporter_name = Column(String(120))
    reporter_contact = Column(String(120))
    anonymous = Column(Boolean, default=False)
    status = Column(String(20), default="new")  # new, assigned, duplicate, unfounded, case_opened
    case_id = Column(Integer, ForeignKey("enforcement_cases.id"))

    parcel = relationship("Parcel")


class EnforcementCase(Base, IdMixin, TimestampMixin):
    __tablename__ = "enforcement_cases"

    number = Column(String(20), unique=True)
    parcel_id = Column(Integer, ForeignKey("parcels.id"), nullable=False)
    officer_id = Column(Integer, ForeignKey("staff.id"))
    related_permit_id = Column(Integer, ForeignKey("permits.id"))
    opened_on = Column(Date, default=dt.date.today)
    status = Column(String(20), default="open")  # open, notice_sent, in_compliance, cited, lien, closed
    priority = Column(Integer, default=3)  # 1 = imminent hazard
    closed_on = Column(Date)
    closing_reason = Column(String(40))

    parcel = relationship("Parcel")
    officer = relationship("StaffMember")
    violations = relationship("Violation", back_populates="case")
    notices = relationship("ViolationNotice", back_populates="case", order_by="ViolationNotice.sent_on")
    citations = relationship("Citation", back_populates="case")

    @property
    def open_violations(self):
        return [v for v in self.violations if v.status == "open"]


class Violation(Base, IdMixin):
    __tablename__ = "violations"

    case_id = Column(Integer, ForeignKey("enforcement_cases.id"), nullable=False)
    code_section = Column(String(40), nullable=False)
    description = Column(Text)
    observed_on = Column(Date, default=dt.date.today)
    corrected_on = Column(Date)
    status = Column(String(20), default="open")  # open, corrected, withdrawn

    case = relationship("EnforcementCase", back_populates="violations")


class ViolationNotice(Base, IdMixin):
    __tablename__ = "violation_notices"

    case_id = Column(Integer, ForeignKey("enforcement_cases.id"), nullable=False)
    kind = Column(String(20))  # courtesy, nov, final, stop_work
    sent_on = Column(Date, default=dt.date.today)
    comply_by = Column(Date)
    delivery = Column(String(10))  # mail, posted, hand, email
    letter_key = Column(String(200))

    case = relationship("EnforcementCase", back_populates="notices")


class Citation(Base, IdMixin):
    __tablename__ = "citations"

    case_id = Column(Integer, ForeignKey("enforcement_cases.id"), nullable=False)
    violation_id = Column(Integer, ForeignKey("violations.id"))
    number = Column(String(20), unique=True)
    issued_on = Column(Date, default=dt.date.today)
    fine_cents = Column(Integer, nullable=False)
    due_on = Column(Date)
    status = Column(String(20), default="unpaid")  # unpaid, paid, appealed, dismissed, lien
    appeal_hearing_on = Column(Date)

    case = relationship("EnforcementCase", back_populates="citations")
