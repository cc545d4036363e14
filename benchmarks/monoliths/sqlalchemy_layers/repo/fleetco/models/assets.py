"""Physical assets: trucks and warehouses."""
from sqlalchemy import (
    Boolean, CheckConstraint, Column, Date, DateTime,
    ForeignKey, Integer, Numeric, String, Text, func,
)
from sqlalchemy.orm import relationship

from fleetco.common.db import Base
from fleetco.models.mixins import TimestampMixin


class Vehicle(TimestampMixin, Base):
    __tablename__ = "vehicles"

    id = Column(Integer, primary_key=True)
    registration = Column(String(16), unique=True, nullable=False)
    kind = Column(String(20), default="rigid")  # van | rigid | tractor | trailer
    payload_kg = Column(Integer, nullable=False)
    odometer_km = Column(Integer, default=0)
    depot = Column(String(60))
    service_interval_km = Column(Integer, default=30000)
    last_service_km = Column(Integer, default=0)
    active = Column(Boolean, default=True)

    maintenance = relationship("MaintenanceRecord", back_populates="vehicle")
    fuel_logs = relationship("FuelLog", back_populates="vehicle")

    def km_until_service(self):
        return (self.last_service_km or 0) + self.service_interval_km - (self.odometer_km or 0)


class MaintenanceRecord(Base):
    __tablename__ = "maintenance_records"

    id = Column(Integer, primary_key=True)
    vehicle_id = Column(Integer, ForeignKey("vehicles.id"), nullable=False)
    kind = Column(String(30), nullable=False)  # service | tyres | mot | repair
    scheduled_for = Column(Date)
    completed_on = Column(Date)
    odometer_km = Column(Integer)
    cost = Column(Numeric(10, 2))
    garage = Column(String(100))
    notes = Column(Text)

    vehicle = relationship("Vehicle", back_populates="maintenance")


class FuelLog(Base):
    __tablename__ = "fuel_logs"

    id = Column(Integer, primary_key=True)
    vehicle_id = Column(Integer, ForeignKey("vehicles.id"), nullable=False)
    driver_id = Column(Integer, ForeignKey("drivers.id"))
    filled_at = Column(DateTime(timezone=True), server_default=func.now())
    litres = Column(Numeric(8, 2), nullable=False)
    price_per_litre = Column(Numeric(6, 3), nullable=False)
    odometer_km = Column(Integer)

    vehicle = relationship("Vehicle", back_populates="fuel_logs")


class Warehouse(TimestampMixin, Base):
    __tablename__ = "warehouses"

    id = Column(Integer, primary_key=True)
    code = Column(String(10), unique=True, nullable=False)
    name = Column(String(100), nullable=False)
    capacity_pallets = Column(Integer, default=0)

    stock = relationship("StockItem", back_populates="warehouse")


class StockItem(Base):
    __tablename__ = "stock_items"
    __table_args__ = (CheckConstraint("quantity >= 0", name="ck_stock_non_negative"),)

    id = Column(Integer, primary_key=True)
    warehouse_id = Column(Integer, ForeignKey("warehouses.id"), nullable=False)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    sku = Column(String(40), nullable=False, index=True)
    location = Column(String(20))  # aisle-rack-level, e.g. A-03-2
    quantity = Column(Integer, default=0, nullable=False)
    pallets = Column(Integer, default=0)
    reorder_level = Column(Integer, default=0)

    warehouse = relationship("Warehouse", back_populates="stock")


class StockMovement(Base):
    __tablename__ = "stock_movements"

    id = Column(Integer, primary_key=True)
    stock_item_id = Column(Integer, ForeignKey("stock_items.id"), nullable=False)
    shipment_id = Column(Integer, ForeignKey("shipments.id"))
    delta = Column(Integer, nullable=False)
    reason = Column(String(30))  # receipt | pick | adjust | putaway
    at = Column(DateTime(timezone=True), server_default=func.now())
    by_user = Column(String(60))
