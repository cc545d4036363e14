"""Warehouse / CFS models."""
from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Integer,
                        Numeric, String)
from sqlalchemy.orm import relationship

from freightly.models import Base, TimestampMixin

__all__ = [
    "Warehouse", "WarehouseLocation", "StockItem", "InboundReceipt",
    "OutboundOrder", "StorageCharge",
]


class Warehouse(Base, TimestampMixin):
    __tablename__ = "warehouses"

    id = Column(Integer, primary_key=True)
    code = Column(String(10), unique=True, nullable=False)
    name = Column(String(120))
    port_code = Column(String(5))
    bonded = Column(Boolean, default=False)
    capacity_pallets = Column(Integer)
    daily_rate_per_pallet = Column(Numeric(8, 2))

    locations = relationship("WarehouseLocation", backref="warehouse")


class WarehouseLocation(Base):
    __tablename__ = "warehouse_locations"

    id = Column(Integer, primary_key=True)
    warehouse_id = Column(Integer, ForeignKey("warehouses.id"), nullable=False)
    code = Column(String(20), nullable=False)  # aisle-rack-level e.g. A-03-2
    zone = Column(String(10))  # AMB, COLD, DG, BOND
    max_pallets = Column(Integer, default=1)
    blocked = Column(Boolean, default=False)


class InboundReceipt(Base, TimestampMixin):
    __tablename__ = "inbound_receipts"

    id = Column(Integer, primary_key=True)
    warehouse_id = Column(Integer, ForeignKey("warehouses.id"), nullable=False)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    shipment_id = Column(Integer, ForeignKey("shipments.id"))
    receipt_no = Column(String(20))
    received_at = Column(DateTime)
    pallets = Column(Integer)
    pieces = Column(Integer)
    damaged = Column(Boolean, default=False)
    remarks = Column(String(255))


class StockItem(Base, TimestampMixin):
    __tablename__ = "stock_items"

    id = Column(Integer, primary_key=True)
    warehouse_id = Column(Integer, ForeignKey("warehouses.id"), nullable=False)
    location_id = Column(Integer, ForeignKey("warehouse_locations.id"))
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    receipt_id = Column(Integer, ForeignKey("inbound_receipts.id"))
    sku = Column(String(60))
    description = Column(String(200))
    quantity = Column(Integer, default=0)
    pallets = Column(Integer, default=1)
    received_on = Column(Date)
    customs_status = Column(String(10), default="free")  # free, bonded


class OutboundOrder(Base, TimestampMixin):
    __tablename__ = "outbound_orders"

    id = Column(Integer, primary_key=True)
    warehouse_id = Column(Integer, ForeignKey("warehouses.id"), nullable=False)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    stock_item_id = Column(Integer, ForeignKey("stock_items.id"))
    order_no = Column(String(20))
    quantity = Column(Integer)
    pallets = Column(Integer)
    status = Column(String(10), default="open")  # open, picked, shipped
    picked_at = Column(DateTime)
    shipped_at = Column(DateTime)
    shipment_id = Column(Integer, ForeignKey("shipments.id"))


class StorageCharge(Base):
    __tablename__ = "storage_charges"

    id = Column(Integer, primary_key=True)
    warehouse_id = Column(Integer, ForeignKey("warehouses.id"), nullable=False)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    period_start = Column(Date)
    period_end = Column(Date)
    pallet_days = Column(Integer)
    amount = Column(Numeric(10, 2))
    currency = Column(String(3), default="EUR")
    invoice_line_id = Column(Integer, ForeignKey("invoice_lines.id"))
