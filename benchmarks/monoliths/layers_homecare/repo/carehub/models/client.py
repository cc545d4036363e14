from sqlalchemy import (Boolean, Column, Date, DateTime, Float, ForeignKey, Integer,
                        Numeric, String, Text)
from sqlalchemy.orm import relationship

from carehub.core.database import Base
from carehub.models.base import AuditMixin, SoftDeleteMixin, TimestampMixin

__all__ = ["Client", "ClientContact", "NeedsAssessment", "AssessmentItem",
           "RiskAssessment", "ClientNote", "FundingPackage"]


class Client(Base, TimestampMixin, SoftDeleteMixin):
    __tablename__ = "clients"

    id = Column(Integer, primary_key=True)
    reference = Column(String(20), unique=True, index=True)
    title = Column(String(10))
    first_name = Column(String(80), nullable=False)
    last_name = Column(String(80), nullable=False)
    preferred_name = Column(String(80))
    date_of_birth = Column(Date)
    nhs_number = Column(String(12), index=True)
    gender = Column(String(20))
    address_line1 = Column(String(200))
    address_line2 = Column(String(200))
    town = Column(String(80))
    postcode = Column(String(10), index=True)
    lat = Column(Float)
    lng = Column(Float)
    area = Column(String(40), index=True)
    phone = Column(String(30))
    key_safe_code = Column(String(20))  # encrypted at rest? TODO
    access_notes = Column(Text)
    gp_practice = Column(String(120))
    status = Column(String(20), default="enquiry")  # enquiry, active, hospital, suspended, discharged, deceased
    start_date = Column(Date)
    end_date = Column(Date)
    preferred_gender_carer = Column(String(10))
    primary_funder_id = Column(Integer, ForeignKey("funders.id"))

    contacts = relationship("ClientContact", back_populates="client", cascade="all, delete-orphan")
    assessments = relationship("NeedsAssessment", back_populates="client", order_by="NeedsAssessment.assessed_on")

    @property
    def full_name(self):
        return "%s %s" % (self.preferred_name or self.first_name, self.last_name)


class ClientContact(Base, TimestampMixin):
    __tablename__ = "client_contacts"

    id = Column(Integer, primary_key=True)
    client_id = Column(Integer, ForeignKey("clients.id"), nullable=False)
    name = Column(String(120))
    relationship_to_client = Column(String(60))
    phone = Column(String(30))
    email = Column(String(120))
    is_next_of_kin = Column(Boolean, default=False)
    has_lpa_health = Column(Boolean, default=False)
    has_lpa_finance = Column(Boolean, default=False)
    receives_invoices = Column(Boolean, default=False)

    client = relationship("Client", back_populates="contacts")


class NeedsAssessment(Base, AuditMixin):
    __tablename__ = "needs_assessments"

    id = Column(Integer, primary_key=True)
    client_id = Column(Integer, ForeignKey("clients.id"), nullable=False, index=True)
    assessed_by_id = Column(Integer, ForeignKey("users.id"))
    assessed_on = Column(Date, nullable=False)
    assessment_type = Column(String(30), default="initial")  # initial, review, hospital_discharge
    mobility_score = Column(Integer)
    personal_care_score = Column(Integer)
    nutrition_score = Column(Integer)
    cognition_score = Column(Integer)
    medication_support_level = Column(String(20))  # none, prompt, assist, administer
    hoist_required = Column(Boolean, default=False)
    double_up_override = Column(Boolean)
    assessed_hours_per_week = Column(Numeric(5, 2))
    outcome_summary = Column(Text)
    status = Column(String(20), default="draft")

    client = relationship("Client", back_populates="assessments")
    items = relationship("AssessmentItem", back_populates="assessment")


class AssessmentItem(Base):
    __tablename__ = "assessment_items"

    id = Column(Integer, primary_key=True)
    assessment_id = Column(Integer, ForeignKey("needs_assessments.id"), nullable=False)
    domain = Column(String(40))
    question = Column(String(255))
    answer = Column(Text)
    score = Column(Integer)

    assessment = relationship("NeedsAssessment", back_populates="items")


class RiskAssessment(Base, AuditMixin):
    __tablename__ = "risk_assessments"

    id = Column(Integer, primary_key=True)
    client_id = Column(Integer, ForeignKey("clients.id"), nullable=False, index=True)
    risk_type = Column(String(40))  # falls, environment, moving_handling, fire, pets
    likelihood = Column(Integer)
    impact = Column(Integer)
    controls = Column(Text)
    review_due = Column(Date)
    is_current = Column(Boolean, default=True)

    @property
    def rating(self):
        return (self.likelihood or 0) * (self.impact or 0)


class ClientNote(Base, AuditMixin):
    __tablename__ = "client_notes"

    id = Column(Integer, primary_key=True)
    client_id = Column(Integer, ForeignKey("clients.id"), nullable=False, index=True)
    category = Column(String(30))
    body = Column(Text)
    is_alert = Column(Boolean, default=False)
    visit_id = Column(Integer, ForeignKey("visits.id"))


# moved here from finance.py in 2022 because of circular import with Client.primary_funder_id
class FundingPackage(Base, TimestampMixin):
    __tablename__ = "funding_packages"

    id = Column(Integer, primary_key=True)
    client_id = Column(Integer, ForeignKey("clients.id"), nullable=False, index=True)
    funder_id = Column(Integer, ForeignKey("funders.id"), nullable=False)
    po_number = Column(String(40))
    commissioned_hours = Column(Numeric(6, 2))
    client_contribution_pence = Column(Integer, default=0)
    start_date = Column(Date, nullable=False)
    end_date = Column(Date)
    status = Column(String(20), default="active")
