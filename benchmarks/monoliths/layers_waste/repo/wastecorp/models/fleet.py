from sqlalchemy import (Column, Integer, String, Date, DateTime, Boolean,
                        ForeignKey, Numeric, Text, Float)
from sqlalchemy.orm import relationship

from wastecorp.extensions import db
from wastecorp.models import TimestampMixin

__all__ = ["Vehicle", "MaintenanceOrder", "FuelLog", "VehicleInspection",
           "TelematicsPing", "DriverLicence"]

VEHICLE_CLASSES = ("RCV26", "RCV32", "HOOK", "SKIP", "VAN", "CAGE")


class Vehicle(db.Model, TimestampMixin):
    __tablename__ = "vehicles"

    id = Column(Integer, primary_key=True)
    registration = Column(String(10), unique=True, nullable=False)
    fleet_no = Column(String(10), unique=True)
    vehicle_class = Column(String(10), nullable=False)
    make = Column(String(40))
    model = Column(String(40))
    depot = Column(String(10))
    tare_kg = Column(Integer)
    gvw_kg = Column(Integer)
    fuel_type = Column(String(10), default="DIESEL")
    odometer_km = Column(Integer, default=0)
    next_service_km = Column(Integer)
    mot_due = Column(Date)
    status = Column(String(12), default="AVAILABLE")  # AVAILABLE, VOR, SERVICE, DISPOSED
    telematics_unit_id = Column(String(32))

    maintenance_orders = relationship("MaintenanceOrder", back_populates="vehicle")


class MaintenanceOrder(db.Model, TimestampMixin):
    __tablename__ = "maintenance_orders"

    id = Column(Integer, primary_key=True)
    vehicle_id = Column(Integer, ForeignKey("vehicles.id"), nullable=False)
    order_type = Column(String(16), default="REPAIR")  # SERVICE, REPAIR, MOT, TYRES
    description = Column(Text)
    opened_at = Column(DateTime)
    closed_at = Column(DateTime)
    odometer_km = Column(Integer)
    labour_hours = Column(Numeric(6, 2))
    parts_cost = Column(Numeric(10, 2))
    supplier = Column(String(80))
    vor = Column(Boolean, default=False)

    vehicle = relationship("Vehicle", back_populates="maintenance_orders")


class FuelLog(db.Model):
    __tablename__ = "fuel_logs"

    id = Column(Integer, primary_key=True)
    vehicle_id = Column(Integer, ForeignKey("vehicles.id"), nullable=False)
    filled_at = Column(DateTime, nullable=False)
    litres = Column(Numeric(8, 2), nullable=False)
    cost = Column(Numeric(10, 2))
    odometer_km = Column(Integer)
    card_no = Column(String(20))


class VehicleInspection(db.Model):
    """Daily walk-round check (O-licence requirement)."""
    __tablename__ = "vehicle_inspections"

    id = Column(Integer, primary_key=True)
    vehicle_id = Column(Integer, ForeignKey("vehicles.id"), nullable=False)
    inspected_at = Column(DateTime, nullable=False)
    inspector_employee_id = Column(Integer, ForeignKey("employees.id"))
    passed = Column(Boolean, default=True)
    defects = Column(Text)
    odometer_km = Column(Integer)


class TelematicsPing(db.Model):
    __tablename__ = "telematics_pings"

    id = Column(Integer, primary_key=True)
    vehicle_id = Column(Integer, ForeignKey("vehicles.id"), index=True)
    recorded_at = Column(DateTime, nullable=False, index=True)
    lat = Column(Float)
    lon = Column(Float)
    speed_kph = Column(Float)
    ignition = Column(Boolean)
    odometer_km = Column(Integer)


# TODO(kp): this belongs with the HR models, it only lives here because the
# licence categories (C, C+E) were originally a vehicle attribute.
class DriverLicence(db.Model):
    __tablename__ = "driver_licences"

    id = Column(Integer, primary_key=True)
    employee_id = Column(Integer, ForeignKey("employees.id"), nullable=False)
    licence_no = Column(String(20), nullable=False)
    categories = Column(String(40))       # comma separated: B,C,C+E
    cpc_expiry = Column(Date)
    licence_expiry = Column(Date)
    points = Column(Integer, default=0)
    last_checked = Column(Date)
