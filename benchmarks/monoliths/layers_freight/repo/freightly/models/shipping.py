"""Shipments, bookings and everything that hangs off a shipment.

This module grew organically. Tracking events and claims were added here
because they have a shipment_id. Someone should split it.
"""
from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Integer,
                        Numeric, String, Text)
from sqlalchemy.orm import relationship

from freightly.models import Base, TimestampMixin

__all__ = [
    "Shipment", "ShipmentLeg", "BookingRequest", "Container", "ShipmentParty",
    "ShipmentNote", "TrackingEvent", "Milestone", "Claim", "ClaimItem",
    "ClaimDocument", "SHIPMENT_STATUSES",
]

SHIPMENT_STATUSES = (
    "draft", "booked", "confirmed", "picked_up", "in_transit", "arrived",
    "customs_hold", "cleared", "delivered", "closed", "cancelled",
)


class BookingRequest(Base, TimestampMixin):
    __tablename__ = "booking_requests"

    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    reference = Column(String(40))  # customer's PO / reference
    origin = Column(String(5), nullable=False)
    destination = Column(String(5), nullable=False)
    mode = Column(String(4), default="SEA")
    incoterm = Column(String(3))
    cargo_ready_date = Column(Date)
    commodity = Column(String(200))
    weight_kg = Column(Numeric(12, 2))
    volume_cbm = Column(Numeric(10, 3))
    equipment = Column(String(6))
    quantity = Column(Integer, default=1)
    dangerous_goods = Column(Boolean, default=False)
    status = Column(String(12), default="new")  # new, quoted, accepted, rejected
    quoted_amount = Column(Numeric(12, 2))
    quoted_currency = Column(String(3))
    shipment_id = Column(Integer, ForeignKey("shipments.id"))


class Shipment(Base, TimestampMixin):
    __tablename__ = "shipments"

    id = Column(Integer, primary_key=True)
    reference = Column(String(20), unique=True, nullable=False)  # FRT-2021-000123
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    carrier_id = Column(Integer, ForeignKey("carriers.id"))
    rate_lane_id = Column(Integer, ForeignKey("rate_lanes.id"))
    mode = Column(String(4), default="SEA")
    incoterm = Column(String(3))
    origin = Column(String(5), nullable=False)
    destination = Column(String(5), nullable=False)
    etd = Column(DateTime)
    eta = Column(DateTime)
    atd = Column(DateTime)
    ata = Column(DateTime)
    delivered_at = Column(DateTime)
    master_bill = Column(String(40))  # MBL / MAWB
    house_bill = Column(String(40))   # HBL / HAWB
    weight_kg = Column(Numeric(12, 2))
    volume_cbm = Column(Numeric(10, 3))
    pieces = Column(Integer)
    commodity = Column(String(200))
    status = Column(String(20), default="draft")
    buy_amount = Column(Numeric(12, 2))    # carrier cost
    buy_currency = Column(String(3))
    sell_amount = Column(Numeric(12, 2))   # what we charge the customer
    sell_currency = Column(String(3), default="EUR")
    invoiced = Column(Boolean, default=False)  # set by billing
    customs_required = Column(Boolean, default=False)
    created_by = Column(String(80))

    legs = relationship("ShipmentLeg", backref="shipment", order_by="ShipmentLeg.sequence")
    containers = relationship("Container", backref="shipment")
    parties = relationship("ShipmentParty", backref="shipment")
    notes = relationship("ShipmentNote", backref="shipment")
    events = relationship("TrackingEvent", backref="shipment",
                          order_by="TrackingEvent.event_time")


class ShipmentLeg(Base):
    __tablename__ = "shipment_legs"

    id = Column(Integer, primary_key=True)
    shipment_id = Column(Integer, ForeignKey("shipments.id"), nullable=False)
    sequence = Column(Integer, nullable=False, default=1)
    mode = Column(String(4))
    carrier_id = Column(Integer, ForeignKey("carriers.id"))
    origin = Column(String(5))
    destination = Column(String(5))
    vessel = Column(String(80))
    voyage = Column(String(20))
    flight_no = Column(String(10))
    etd = Column(DateTime)
    eta = Column(DateTime)


class Container(Base):
    __tablename__ = "containers"

    id = Column(Integer, primary_key=True)
    shipment_id = Column(Integer, ForeignKey("shipments.id"), nullable=False)
    container_no = Column(String(11))
    equipment = Column(String(6))
    seal_no = Column(String(20))
    gross_weight_kg = Column(Numeric(12, 2))
    tare_kg = Column(Numeric(8, 2))
    discharged_at = Column(DateTime)
    gate_out_at = Column(DateTime)
    returned_at = Column(DateTime)


class ShipmentParty(Base):
    __tablename__ = "shipment_parties"

    id = Column(Integer, primary_key=True)
    shipment_id = Column(Integer, ForeignKey("shipments.id"), nullable=False)
    role = Column(String(12), nullable=False)  # shipper, consignee, notify
    name = Column(String(200))
    address = Column(Text)
    country = Column(String(2))
    eori_number = Column(String(30))


class ShipmentNote(Base, TimestampMixin):
    __tablename__ = "shipment_notes"

    id = Column(Integer, primary_key=True)
    shipment_id = Column(Integer, ForeignKey("shipments.id"), nullable=False)
    author = Column(String(80))
    body = Column(Text)
    internal = Column(Boolean, default=True)


# ---------------------------------------------------------------------------
# Tracking
# ---------------------------------------------------------------------------

class TrackingEvent(Base):
    __tablename__ = "tracking_events"

    id = Column(Integer, primary_key=True)
    shipment_id = Column(Integer, ForeignKey("shipments.id"), nullable=False, index=True)
    container_no = Column(String(11))
    code = Column(String(10), nullable=False)  # our milestone code, e.g. DEP, ARR
    carrier_code = Column(String(10))
    description = Column(String(255))
    location = Column(String(5))
    event_time = Column(DateTime, nullable=False)
    received_at = Column(DateTime)
    source = Column(String(12), default="manual")  # manual, edi, api, portal
    is_exception = Column(Boolean, default=False)
    raw = Column(Text)


class Milestone(Base):
    __tablename__ = "milestones"

    id = Column(Integer, primary_key=True)
    shipment_id = Column(Integer, ForeignKey("shipments.id"), nullable=False, index=True)
    code = Column(String(10), nullable=False)
    sequence = Column(Integer)
    planned_at = Column(DateTime)
    actual_at = Column(DateTime)
    event_id = Column(Integer, ForeignKey("tracking_events.id"))


# ---------------------------------------------------------------------------
# Claims
# ---------------------------------------------------------------------------

class Claim(Base, TimestampMixin):
    __tablename__ = "claims"

    id = Column(Integer, primary_key=True)
    claim_no = Column(String(20), unique=True)
    shipment_id = Column(Integer, ForeignKey("shipments.id"), nullable=False)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    carrier_id = Column(Integer, ForeignKey("carriers.id"))
    kind = Column(String(12), default="damage")  # damage, loss, delay, shortage
    status = Column(String(12), default="open")  # open, assessed, settled, rejected, closed
    reported_at = Column(DateTime)
    claimed_amount = Column(Numeric(12, 2))
    claimed_currency = Column(String(3), default="EUR")
    liability_limit = Column(Numeric(12, 2))
    recovered_from_carrier = Column(Numeric(12, 2))
    handler = Column(String(80))
    description = Column(Text)

    items = relationship("ClaimItem", backref="claim")
    documents = relationship("ClaimDocument", backref="claim")


class ClaimItem(Base):
    __tablename__ = "claim_items"

    id = Column(Integer, primary_key=True)
    claim_id = Column(Integer, ForeignKey("claims.id"), nullable=False)
    description = Column(String(255))
    quantity = Column(Integer, default=1)
    weight_kg = Column(Numeric(10, 2))
    value = Column(Numeric(12, 2))
    damage_type = Column(String(30))


class ClaimDocument(Base, TimestampMixin):
    __tablename__ = "claim_documents"

    id = Column(Integer, primary_key=True)
    claim_id = Column(Integer, ForeignKey("claims.id"), nullable=False)
    doc_type = Column(String(20))  # survey, photo, invoice, notice
    filename = Column(String(255))
    storage_key = Column(String(255))
    uploaded_by = Column(String(80))
