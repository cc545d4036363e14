import datetime as dt

from sqlalchemy import (Column, Integer, String, Date, DateTime, Boolean,
                        ForeignKey, Numeric, Text)
from sqlalchemy.orm import relationship

from wastecorp.extensions import db
from wastecorp.models import TimestampMixin

__all__ = ["ContainerType", "Container", "ContainerAssignment",
           "ContainerMovement", "RfidTag"]


class ContainerType(db.Model):
    __tablename__ = "container_types"

    id = Column(Integer, primary_key=True)
    code = Column(String(16), unique=True, nullable=False)   # e.g. WB240, EU1100, RORO40
    description = Column(String(120))
    capacity_litres = Column(Integer, nullable=False)
    max_weight_kg = Column(Integer)
    lift_type = Column(String(16), default="REL")   # REL, FEL, HOOK, SKIP
    unit_cost = Column(Numeric(10, 2))
    reorder_level = Column(Integer, default=20)


class Container(db.Model, TimestampMixin):
    __tablename__ = "containers"

    id = Column(Integer, primary_key=True)
    serial_no = Column(String(24), unique=True, nullable=False)
    container_type_id = Column(Integer, ForeignKey("container_types.id"), nullable=False)
    status = Column(String(16), default="STOCK", nullable=False)  # STOCK, DEPLOYED, DAMAGED, SCRAPPED
    condition = Column(String(16), default="GOOD")
    colour = Column(String(16))
    depot = Column(String(10))
    service_address_id = Column(Integer, ForeignKey("service_addresses.id"))
    purchased_on = Column(Date)
    last_lifted_at = Column(DateTime)

    container_type = relationship("ContainerType")
    assignments = relationship("ContainerAssignment", back_populates="container")
    tag = relationship("RfidTag", uselist=False, back_populates="container")

    @property
    def age_years(self):
        if not self.purchased_on:
            return None
        return (dt.date.today() - self.purchased_on).days / 365.25


class ContainerAssignment(db.Model):
    __tablename__ = "container_assignments"

    id = Column(Integer, primary_key=True)
    container_id = Column(Integer, ForeignKey("containers.id"), nullable=False)
    service_address_id = Column(Integer, ForeignKey("service_addresses.id"), nullable=False)
    contract_service_id = Column(Integer, ForeignKey("contract_services.id"))
    assigned_on = Column(Date, nullable=False)
    removed_on = Column(Date)

    container = relationship("Container", back_populates="assignments")


class ContainerMovement(db.Model):
    __tablename__ = "container_movements"

    id = Column(Integer, primary_key=True)
    container_id = Column(Integer, ForeignKey("containers.id"), nullable=False)
    movement_type = Column(String(16), nullable=False)  # DELIVER, REMOVE, SWAP, REPAIR
    from_location = Column(String(60))
    to_location = Column(String(60))
    requested_on = Column(Date)
    completed_at = Column(DateTime)
    vehicle_id = Column(Integer, ForeignKey("vehicles.id"))
    notes = Column(Text)


class RfidTag(db.Model):
    __tablename__ = "rfid_tags"

    id = Column(Integer, primary_key=True)
    tag_uid = Column(String(32), unique=True, nullable=False)
    container_id = Column(Integer, ForeignKey("containers.id"))
    fitted_on = Column(Date)
    active = Column(Boolean, default=True)

    container = relationship("Container", back_populates="tag")
