"""Carriers, contracts and rates."""
from sqlalchemy import (Boolean, Column, Date, ForeignKey, Integer, Numeric,
                        String, Text)
from sqlalchemy.orm import relationship

from freightly.models import Base, TimestampMixin

__all__ = [
    "Carrier", "CarrierContract", "RateCard", "RateLane", "FuelSurcharge",
    "AccessorialCharge", "StatusCodeMapping",
]

MODES = ("SEA", "AIR", "ROAD", "RAIL")


class Carrier(Base, TimestampMixin):
    __tablename__ = "carriers"

    id = Column(Integer, primary_key=True)
    scac = Column(String(4), unique=True)  # or IATA prefix for airlines
    name = Column(String(200), nullable=False)
    mode = Column(String(4), nullable=False, default="SEA")
    edi_partner_id = Column(String(40))
    contact_email = Column(String(200))
    liability_sdr_per_kg = Column(Numeric(8, 2))  # used by claims
    active = Column(Boolean, default=True)

    contracts = relationship("CarrierContract", backref="carrier")


class CarrierContract(Base, TimestampMixin):
    __tablename__ = "carrier_contracts"

    id = Column(Integer, primary_key=True)
    carrier_id = Column(Integer, ForeignKey("carriers.id"), nullable=False)
    contract_no = Column(String(40), nullable=False)
    valid_from = Column(Date, nullable=False)
    valid_to = Column(Date)
    min_quantity_teu = Column(Integer)
    notes = Column(Text)


class RateCard(Base, TimestampMixin):
    __tablename__ = "rate_cards"

    id = Column(Integer, primary_key=True)
    carrier_id = Column(Integer, ForeignKey("carriers.id"), nullable=False)
    contract_id = Column(Integer, ForeignKey("carrier_contracts.id"))
    name = Column(String(120))
    currency = Column(String(3), default="USD")
    valid_from = Column(Date, nullable=False)
    valid_to = Column(Date)
    status = Column(String(12), default="active")  # draft, active, expired
    source_file = Column(String(255))

    carrier = relationship("Carrier")
    lanes = relationship("RateLane", backref="rate_card")


class RateLane(Base):
    __tablename__ = "rate_lanes"

    id = Column(Integer, primary_key=True)
    rate_card_id = Column(Integer, ForeignKey("rate_cards.id"), nullable=False)
    origin = Column(String(5), nullable=False)  # UN/LOCODE
    destination = Column(String(5), nullable=False)
    equipment = Column(String(6))  # 20GP, 40GP, 40HC, LCL, KG
    base_rate = Column(Numeric(12, 2), nullable=False)
    per_unit = Column(String(6), default="CNTR")  # CNTR, CBM, KG, W/M
    min_charge = Column(Numeric(12, 2))
    transit_days = Column(Integer)


class FuelSurcharge(Base):
    __tablename__ = "fuel_surcharges"

    id = Column(Integer, primary_key=True)
    carrier_id = Column(Integer, ForeignKey("carriers.id"), nullable=False)
    valid_from = Column(Date, nullable=False)
    valid_to = Column(Date)
    percent = Column(Numeric(5, 2))
    flat_amount = Column(Numeric(10, 2))
    currency = Column(String(3), default="USD")


class AccessorialCharge(Base):
    __tablename__ = "accessorial_charges"

    id = Column(Integer, primary_key=True)
    carrier_id = Column(Integer, ForeignKey("carriers.id"))
    code = Column(String(10), nullable=False)  # THC, BAF, DOC, ISPS, LIFTGATE...
    description = Column(String(200))
    amount = Column(Numeric(10, 2), nullable=False)
    currency = Column(String(3), default="EUR")
    per_unit = Column(String(6), default="SHPT")
    mandatory = Column(Boolean, default=False)


class StatusCodeMapping(Base):
    """Maps carrier specific EDI status codes to our milestone codes."""
    __tablename__ = "status_code_mappings"

    id = Column(Integer, primary_key=True)
    carrier_id = Column(Integer, ForeignKey("carriers.id"))
    carrier_code = Column(String(10), nullable=False)
    milestone_code = Column(String(10), nullable=False)
    description = Column(String(200))
    is_exception = Column(Boolean, default=False)
