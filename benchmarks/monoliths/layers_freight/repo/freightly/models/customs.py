"""Customs declarations."""
from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Integer,
                        Numeric, String, Text)
from sqlalchemy.orm import relationship

from freightly.models import Base, TimestampMixin

__all__ = [
    "CustomsDeclaration", "CustomsLine", "HsCode", "CustomsBroker",
    "DutyAssessment",
]


class CustomsBroker(Base, TimestampMixin):
    __tablename__ = "customs_brokers"

    id = Column(Integer, primary_key=True)
    name = Column(String(200), nullable=False)
    license_no = Column(String(40))
    ports = Column(String(255))  # comma separated UN/LOCODEs, yes really
    email = Column(String(200))
    in_house = Column(Boolean, default=False)
    fee_per_declaration = Column(Numeric(10, 2))


class HsCode(Base):
    __tablename__ = "hs_codes"

    code = Column(String(10), primary_key=True)
    description = Column(Text)
    duty_rate = Column(Numeric(6, 3))   # percent
    vat_rate = Column(Numeric(5, 2))    # import VAT percent
    supplementary_unit = Column(String(10))
    requires_license = Column(Boolean, default=False)
    valid_from = Column(Date)
    valid_to = Column(Date)


class CustomsDeclaration(Base, TimestampMixin):
    __tablename__ = "customs_declarations"

    id = Column(Integer, primary_key=True)
    shipment_id = Column(Integer, ForeignKey("shipments.id"), nullable=False)
    broker_id = Column(Integer, ForeignKey("customs_brokers.id"))
    direction = Column(String(6), default="import")  # import, export, transit
    declaration_type = Column(String(6), default="IM4")
    mrn = Column(String(18))  # movement reference number from customs
    lrn = Column(String(22))  # our local reference
    declarant_eori = Column(String(30))
    office_code = Column(String(8))
    status = Column(String(12), default="draft")  # draft, submitted, accepted, hold, released, rejected
    submitted_at = Column(DateTime)
    released_at = Column(DateTime)
    customs_value = Column(Numeric(14, 2))
    currency = Column(String(3), default="EUR")
    incoterm = Column(String(3))
    rejection_reason = Column(Text)

    lines = relationship("CustomsLine", backref="declaration")
    broker = relationship("CustomsBroker")


class CustomsLine(Base):
    __tablename__ = "customs_lines"

    id = Column(Integer, primary_key=True)
    declaration_id = Column(Integer, ForeignKey("customs_declarations.id"), nullable=False)
    line_no = Column(Integer)
    hs_code = Column(String(10), ForeignKey("hs_codes.code"))
    description = Column(String(255))
    origin_country = Column(String(2))
    quantity = Column(Numeric(12, 3))
    net_weight_kg = Column(Numeric(12, 3))
    value = Column(Numeric(14, 2))
    preference_code = Column(String(4))  # 100, 300 = FTA preference


class DutyAssessment(Base, TimestampMixin):
    __tablename__ = "duty_assessments"

    id = Column(Integer, primary_key=True)
    declaration_id = Column(Integer, ForeignKey("customs_declarations.id"), nullable=False)
    duty_amount = Column(Numeric(12, 2))
    vat_amount = Column(Numeric(12, 2))
    other_amount = Column(Numeric(12, 2))
    currency = Column(String(3), default="EUR")
    paid = Column(Boolean, default=False)
    paid_at = Column(DateTime)
    deferred_account = Column(String(30))
    recharged_invoice_id = Column(Integer, ForeignKey("invoices.id"))
