"""SQLAlchemy models (inventory + shipping rewrite, 2019).

The rest of the schema is still raw SQL in dao.py; do not add relationships to
tables that are not mapped here, use plain integer ids.
"""
import datetime

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    create_engine,
)
from sqlalchemy.ext.declarative import declarative_base
from sqlalchemy.orm import relationship, scoped_session, sessionmaker

from shop.utils import get_config

Base = declarative_base()

_engine = None
Session = scoped_session(sessionmaker())


def get_session():
    global _engine
    if _engine is None:
        _engine = create_engine(get_config("DATABASE_URL", "postgresql://shop:shop@localhost/shop"),
                                pool_size=5, pool_recycle=1800)
        Session.configure(bind=_engine)
    return Session()


class TimestampMixin(object):
    created_at = Column(DateTime, default=datetime.datetime.utcnow, nullable=False)
    updated_at = Column(DateTime, default=datetime.datetime.utcnow,
                        onupdate=datetime.datetime.utcnow)


class Warehouse(TimestampMixin, Base):
    __tablename__ = "warehouses"

    id = Column(Integer, primary_key=True)
    code = Column(String(16), unique=True, nullable=False)
    name = Column(String(120), nullable=False)
    country = Column(String(2), nullable=False, default="FR")
    active = Column(Boolean, default=True)

    levels = relationship("StockLevel", back_populates="warehouse")

    def __repr__(self):
        return "<Warehouse %s>" % self.code


class StockLevel(Base):
    __tablename__ = "stock_levels"
    __table_args__ = (UniqueConstraint("warehouse_id", "product_id"),)

    id = Column(Integer, primary_key=True)
    warehouse_id = Column(Integer, ForeignKey("warehouses.id"), nullable=False)
    product_id = Column(Integer, ForeignKey("products.id"), nullable=False, index=True)
    quantity = Column(Integer, nullable=False, default=0)
    reserved = Column(Integer, nullable=False, default=0)
    reorder_point = Column(Integer, nullable=False, default=5)

    warehouse = relationship("Warehouse", back_populates="levels")

    @property
    def available(self):
        return max(self.quantity - self.reserved, 0)


class StockMovement(TimestampMixin, Base):
    __tablename__ = "stock_movements"

    id = Column(Integer, primary_key=True)
    stock_level_id = Column(Integer, ForeignKey("stock_levels.id"), nullable=False)
    delta = Column(Integer, nullable=False)
    reason = Column(String(32), nullable=False)  # sale, restock, adjust, return
    reference = Column(String(64))

    level = relationship("StockLevel")


class Reservation(TimestampMixin, Base):
    __tablename__ = "stock_reservations"

    id = Column(Integer, primary_key=True)
    order_id = Column(Integer, ForeignKey("orders.id"), nullable=False, index=True)
    stock_level_id = Column(Integer, ForeignKey("stock_levels.id"), nullable=False)
    quantity = Column(Integer, nullable=False)
    released = Column(Boolean, default=False)

    level = relationship("StockLevel")


class Carrier(Base):
    __tablename__ = "carriers"

    id = Column(Integer, primary_key=True)
    code = Column(String(16), unique=True, nullable=False)  # colissimo, dhl, ups
    name = Column(String(80), nullable=False)
    tracking_url = Column(String(255))
    active = Column(Boolean, default=True)


class ShippingRate(Base):
    __tablename__ = "shipping_rates"

    id = Column(Integer, primary_key=True)
    carrier_id = Column(Integer, ForeignKey("carriers.id"), nullable=False)
    zone = Column(String(8), nullable=False)
    max_weight_g = Column(Integer, nullable=False)
    price = Column(Numeric(10, 2), nullable=False)

    carrier = relationship("Carrier")


class Shipment(TimestampMixin, Base):
    __tablename__ = "shipments"

    id = Column(Integer, primary_key=True)
    order_id = Column(Integer, ForeignKey("orders.id"), nullable=False, index=True)
    carrier_id = Column(Integer, ForeignKey("carriers.id"))
    status = Column(String(16), default="pending")  # pending, packed, shipped, delivered
    tracking_number = Column(String(64))
    weight_g = Column(Integer)
    cost = Column(Numeric(10, 2))
    shipped_at = Column(DateTime)
    delivered_at = Column(DateTime)
    notes = Column(Text)

    carrier = relationship("Carrier")
    items = relationship("ShipmentItem", back_populates="shipment", cascade="all, delete-orphan")

    def tracking_link(self):
        if not self.carrier or not self.carrier.tracking_url or not self.tracking_number:
            return None
        return self.carrier.tracking_url.replace("{number}", self.tracking_number)


class ShipmentItem(Base):
    __tablename__ = "shipment_items"

    id = Column(Integer, primary_key=True)
    shipment_id = Column(Integer, ForeignKey("shipments.id"), nullable=False)
    order_item_id = Column(Integer, ForeignKey("order_items.id"), nullable=False)
    quantity = Column(Integer, nullable=False)

    shipment = relationship("Shipment", back_populates="items")
