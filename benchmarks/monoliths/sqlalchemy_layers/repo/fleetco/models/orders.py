import enum

from sqlalchemy import Column, Date, DateTime, Enum, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import relationship

from fleetco.common.db import Base
from fleetco.models.mixins import TimestampMixin


class QuoteStatus(str, enum.Enum):
    DRAFT = "draft"
    SENT = "sent"
    ACCEPTED = "accepted"
    EXPIRED = "expired"
    REJECTED = "rejected"


class ShipmentStatus(str, enum.Enum):
    BOOKED = "booked"
    ASSIGNED = "assigned"
    COLLECTED = "collected"
    IN_TRANSIT = "in_transit"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    EXCEPTION = "exception"


class Quote(TimestampMixin, Base):
    __tablename__ = "quotes"

    id = Column(Integer, primary_key=True)
    reference = Column(String(20), unique=True, nullable=False)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    rate_card_id = Column(Integer, ForeignKey("rate_cards.id"))
    origin_postcode = Column(String(20), nullable=False)
    destination_postcode = Column(String(20), nullable=False)
    distance_km = Column(Numeric(10, 2))
    weight_kg = Column(Numeric(10, 2))
    total = Column(Numeric(12, 2))
    currency = Column(String(3), default="EUR")
    status = Column(Enum(QuoteStatus), default=QuoteStatus.DRAFT)
    valid_until = Column(Date)

    customer = relationship("Customer")
    lines = relationship("QuoteLine", back_populates="quote", cascade="all, delete-orphan")

    def is_expired(self, today):
        return self.valid_until is not None and self.valid_until < today


class QuoteLine(Base):
    __tablename__ = "quote_lines"

    id = Column(Integer, primary_key=True)
    quote_id = Column(Integer, ForeignKey("quotes.id"), nullable=False)
    description = Column(String(200))
    code = Column(String(20))  # BASE, KM, KG, FUEL, TAILLIFT, ADR...
    amount = Column(Numeric(12, 2), nullable=False)

    quote = relationship("Quote", back_populates="lines")


class Shipment(TimestampMixin, Base):
    __tablename__ = "shipments"

    id = Column(Integer, primary_key=True)
    reference = Column(String(20), unique=True, nullable=False)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    quote_id = Column(Integer, ForeignKey("quotes.id"))
    vehicle_id = Column(Integer, ForeignKey("vehicles.id"))
    driver_id = Column(Integer, ForeignKey("drivers.id"))
    origin_address = Column(Text, nullable=False)
    destination_address = Column(Text, nullable=False)
    destination_lat = Column(Numeric(9, 6))
    destination_lon = Column(Numeric(9, 6))
    pickup_date = Column(Date)
    promised_date = Column(Date)
    delivered_at = Column(DateTime(timezone=True))
    status = Column(Enum(ShipmentStatus), default=ShipmentStatus.BOOKED, index=True)
    price = Column(Numeric(12, 2))

    customer = relationship("Customer")
    quote = relationship("Quote")
    items = relationship("ShipmentItem", back_populates="shipment", cascade="all, delete-orphan")
    events = relationship("TrackingEvent", back_populates="shipment", order_by="TrackingEvent.at")

    def total_weight(self):
        return sum((i.weight_kg or 0) * (i.quantity or 1) for i in self.items)


class ShipmentItem(Base):
    __tablename__ = "shipment_items"

    id = Column(Integer, primary_key=True)
    shipment_id = Column(Integer, ForeignKey("shipments.id"), nullable=False)
    sku = Column(String(40))
    description = Column(String(200))
    quantity = Column(Integer, default=1)
    weight_kg = Column(Numeric(10, 2))
    length_cm = Column(Integer)
    width_cm = Column(Integer)
    height_cm = Column(Integer)

    shipment = relationship("Shipment", back_populates="items")


class TrackingEvent(Base):
    __tablename__ = "tracking_events"

    id = Column(Integer, primary_key=True)
    shipment_id = Column(Integer, ForeignKey("shipments.id"), nullable=False, index=True)
    code = Column(String(30), nullable=False)
    at = Column(DateTime(timezone=True), nullable=False)
    lat = Column(Numeric(9, 6))
    lon = Column(Numeric(9, 6))
    note = Column(Text)
    source = Column(String(20), default="driver_app")

    shipment = relationship("Shipment", back_populates="events")
