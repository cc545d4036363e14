"""Machinery the co-op rents to members (added 2020 -- the 'machinery ring')."""
from datetime import datetime

from sqlalchemy import (Boolean, Column, Date, DateTime, Float, ForeignKey,
                        Integer, Numeric, String, Text)
from sqlalchemy.orm import relationship

from coop.models.base import AuditMixin, Base, IdMixin, TimestampMixin


class Equipment(IdMixin, AuditMixin, Base):
    __tablename__ = "equipment"

    code = Column(String(10), unique=True, nullable=False)
    description = Column(String(120))
    equipment_class = Column(String(20), nullable=False)  # tractor/combine/sprayer/grain_cart/drill
    make = Column(String(40))
    model = Column(String(40))
    year = Column(Integer)
    hour_meter = Column(Float, default=0)
    hourly_rate = Column(Numeric(8, 2))
    daily_rate = Column(Numeric(8, 2))
    service_interval_h = Column(Integer, default=250)
    last_service_hours = Column(Float, default=0)
    home_site_id = Column(Integer, ForeignKey("storage_sites.id"))
    status = Column(String(16), default="available")  # available/booked/out/maintenance/retired


class EquipmentBooking(IdMixin, AuditMixin, Base):
    __tablename__ = "equipment_bookings"

    ref = Column(String(24), unique=True)
    equipment_id = Column(Integer, ForeignKey("equipment.id"), nullable=False)
    member_id = Column(Integer, ForeignKey("members.id"), nullable=False)
    field_id = Column(Integer, ForeignKey("fields.id"))
    operator_cert_id = Column(Integer, ForeignKey("operator_certifications.id"))
    start_at = Column(DateTime, nullable=False)
    end_at = Column(DateTime, nullable=False)
    checked_out_at = Column(DateTime)
    checked_in_at = Column(DateTime)
    hours_out = Column(Float)
    hours_in = Column(Float)
    fuel_returned_full = Column(Boolean, default=True)
    status = Column(String(16), default="requested")  # requested/confirmed/out/returned/cancelled/no_show
    damage_notes = Column(Text)

    equipment = relationship("Equipment", backref="bookings")
    member = relationship("Member")
    field = relationship("Field")


class RentalCharge(IdMixin, TimestampMixin, Base):
    __tablename__ = "rental_charges"

    booking_id = Column(Integer, ForeignKey("equipment_bookings.id"), nullable=False)
    member_id = Column(Integer, ForeignKey("members.id"), nullable=False)
    charge_type = Column(String(16))  # hours/days/fuel/late/damage/waiver
    quantity = Column(Float)
    unit_rate = Column(Numeric(8, 2))
    amount = Column(Numeric(10, 2), nullable=False)
    billed_on = Column(Date)
    status = Column(String(12), default="open")  # open / deducted / paid / waived
    deduction_id = Column(Integer, ForeignKey("member_deductions.id"))

    booking = relationship("EquipmentBooking", backref="charges")


class MaintenanceLog(IdMixin, TimestampMixin, Base):
    __tablename__ = "maintenance_logs"

    equipment_id = Column(Integer, ForeignKey("equipment.id"), nullable=False)
    scheduled_for = Column(Date)
    completed_on = Column(Date)
    hour_meter = Column(Float)
    work_type = Column(String(20))  # service / repair / inspection / recall
    description = Column(Text)
    parts_cost = Column(Numeric(10, 2), default=0)
    labour_cost = Column(Numeric(10, 2), default=0)
    vendor = Column(String(80))
    caused_by_booking_id = Column(Integer, ForeignKey("equipment_bookings.id"))

    equipment = relationship("Equipment", backref="maintenance")
