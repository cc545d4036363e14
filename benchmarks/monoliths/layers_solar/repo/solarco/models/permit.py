from sqlalchemy import Boolean, Column, Date, DateTime, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import relationship

from solarco.core.database import Base, TimestampMixin


class PermitApplication(Base, TimestampMixin):
    __tablename__ = "permit_applications"

    id = Column(Integer, primary_key=True)
    project_id = Column(Integer, ForeignKey("installation_projects.id"), nullable=False, index=True)
    jurisdiction = Column(String(120))
    permit_type = Column(String(30), default="building")  # building, electrical, fire, hoa
    status = Column(String(20), default="draft")  # draft, submitted, corrections, approved, rejected, closed
    permit_number = Column(String(60))
    fee = Column(Numeric(10, 2))
    submitted_at = Column(DateTime)
    approved_at = Column(DateTime)
    expires_on = Column(Date)
    corrections_note = Column(Text)

    inspections = relationship("InspectionVisit", back_populates="permit")
    documents = relationship("PermitDocument", back_populates="permit")


class InspectionVisit(Base):
    __tablename__ = "inspection_visits"

    id = Column(Integer, primary_key=True)
    permit_id = Column(Integer, ForeignKey("permit_applications.id"), nullable=False)
    scheduled_for = Column(DateTime)
    inspector = Column(String(120))
    result = Column(String(20))  # pass, fail, partial, cancelled
    notes = Column(Text)

    permit = relationship("PermitApplication", back_populates="inspections")


class PermitDocument(Base):
    __tablename__ = "permit_documents"

    id = Column(Integer, primary_key=True)
    permit_id = Column(Integer, ForeignKey("permit_applications.id"), nullable=False)
    doc_type = Column(String(40))  # site_plan, single_line, spec_sheet, structural_letter
    url = Column(String(500))
    uploaded_at = Column(DateTime)


class UtilityInterconnection(Base, TimestampMixin):
    __tablename__ = "utility_interconnections"

    id = Column(Integer, primary_key=True)
    project_id = Column(Integer, ForeignKey("installation_projects.id"), nullable=False, unique=True)
    utility_name = Column(String(120))
    application_ref = Column(String(60))
    status = Column(String(20), default="draft")  # draft, submitted, approved, meter_swap, pto, rejected
    net_metering = Column(Boolean, default=True)
    system_size_kw_ac = Column(Numeric(8, 2))
    submitted_at = Column(DateTime)
    approved_at = Column(DateTime)
    pto_date = Column(Date)
