import datetime as dt

from sqlalchemy import Boolean, Column, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import relationship

from models.base import Base, IdMixin


class InspectionType(Base, IdMixin):
    __tablename__ = "inspection_types"

    code = Column(String(10), unique=True, nullable=False)  # e.g. FTG, FRM, INS, FIN
    name = Column(String(80), nullable=False)
    permit_types = Column(String(60))  # comma separated permit type codes
    sequence = Column(Integer, default=100)
    required_certification = Column(String(10))  # ICC cert code, e.g. B1, E1
    is_final = Column(Boolean, default=False)
    active = Column(Boolean, default=True)

    def applies_to(self, permit_type):
        return permit_type in (self.permit_types or "").split(",")


class InspectionRequest(Base, IdMixin):
    __tablename__ = "inspection_requests"

    permit_id = Column(Integer, ForeignKey("permits.id"), nullable=False)
    inspection_type_id = Column(Integer, ForeignKey("inspection_types.id"), nullable=False)
    requested_by = Column(String(120))
    contact_phone = Column(String(30))
    preferred_date = Column(Date)
    window = Column(String(2))
    channel = Column(String(10), default="web")  # web, ivr, counter
    access_notes = Column(Text)
    status = Column(String(20), default="pending")  # pending, scheduled, cancelled, expired
    created_at = Column(DateTime, default=dt.datetime.utcnow)

    permit = relationship("Permit")
    inspection_type = relationship("InspectionType")


class ChecklistResult(Base, IdMixin):
    __tablename__ = "checklist_results"

    inspection_id = Column(Integer, ForeignKey("inspections.id"), nullable=False)
    item_code = Column(String(20))
    item_text = Column(String(200))
    result = Column(String(10))  # ok, deficient, na
    comment = Column(Text)

    inspection = relationship("Inspection", back_populates="checklist")


class Deficiency(Base, IdMixin):
    __tablename__ = "inspection_deficiencies"

    inspection_id = Column(Integer, ForeignKey("inspections.id"), nullable=False)
    code_section = Column(String(40))
    description = Column(Text, nullable=False)
    severity = Column(String(10), default="minor")  # minor, major, life_safety
    photo_document_id = Column(Integer, ForeignKey("documents.id"))
    corrected_on = Column(Date)
    referred_case_id = Column(Integer, ForeignKey("enforcement_cases.id"))

    inspection = relationship("Inspection", back_populates="deficiencies")

    @property
    def is_open(self):
        return self.corrected_on is None
