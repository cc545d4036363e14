"""Grain: weighbridge tickets, grading, bins and stock."""
from datetime import datetime

from sqlalchemy import (Boolean, Column, Date, DateTime, Float, ForeignKey,
                        Integer, Numeric, String, Text)
from sqlalchemy.orm import relationship

from coop.models.base import AuditMixin, Base, IdMixin, TimestampMixin


class IntakeTicket(IdMixin, AuditMixin, Base):
    __tablename__ = "intake_tickets"

    ticket_no = Column(String(20), unique=True, nullable=False)
    site_id = Column(Integer, ForeignKey("storage_sites.id"), nullable=False)
    member_id = Column(Integer, ForeignKey("members.id"), nullable=False)
    field_id = Column(Integer, ForeignKey("fields.id"))
    commodity = Column(String(20), nullable=False)
    truck_plate = Column(String(20))
    gross_kg = Column(Integer)
    tare_kg = Column(Integer)
    net_kg = Column(Integer)
    dried_kg = Column(Integer)  # after moisture shrink
    paid_kg = Column(Integer)  # after dockage
    grade_code = Column(String(10))
    status = Column(String(16), default="open")  # open/weighed/graded/binned/rejected/void
    bin_id = Column(Integer, ForeignKey("bins.id"))
    pool_id = Column(Integer, ForeignKey("pools.id"))
    settlement_run_id = Column(Integer, ForeignKey("settlement_runs.id"))
    arrived_at = Column(DateTime, default=datetime.utcnow)
    closed_at = Column(DateTime)

    member = relationship("Member", backref="intake_tickets")
    field = relationship("Field")
    samples = relationship("GradeSample", back_populates="ticket")
    bin = relationship("Bin")


class GradeSample(IdMixin, TimestampMixin, Base):
    __tablename__ = "grade_samples"

    ticket_id = Column(Integer, ForeignKey("intake_tickets.id"), nullable=False)
    moisture_pct = Column(Float)
    dockage_pct = Column(Float)
    protein_pct = Column(Float)
    test_weight_kg_hl = Column(Float)
    falling_number = Column(Integer)
    foreign_material_pct = Column(Float)
    damaged_pct = Column(Float)
    grader = Column(String(64))
    is_appeal = Column(Boolean, default=False)
    grade_code = Column(String(10))

    ticket = relationship("IntakeTicket", back_populates="samples")


class DiscountSchedule(IdMixin, AuditMixin, Base):
    __tablename__ = "discount_schedules"

    commodity = Column(String(20), nullable=False)
    crop_year = Column(Integer, nullable=False)
    factor = Column(String(20), nullable=False)  # moisture/dockage/protein/test_weight/fn
    lower = Column(Float)
    upper = Column(Float)
    discount_per_tonne = Column(Numeric(8, 2), default=0)
    premium = Column(Boolean, default=False)
    effective_from = Column(Date)


class IntakeRejection(IdMixin, TimestampMixin, Base):
    __tablename__ = "intake_rejections"

    ticket_id = Column(Integer, ForeignKey("intake_tickets.id"), nullable=False)
    reason_code = Column(String(20))  # HOT / INSECTS / ODOUR / ERGOT / GMO / OTHER
    detail = Column(Text)
    rejected_by = Column(String(64))
    member_notified = Column(Boolean, default=False)

    ticket = relationship("IntakeTicket", backref="rejections")


class StorageSite(IdMixin, Base):
    __tablename__ = "storage_sites"

    code = Column(String(6), unique=True, nullable=False)
    name = Column(String(80))
    licence_no = Column(String(20))  # CGC primary elevator licence
    has_dryer = Column(Boolean, default=False)
    rail_siding = Column(Boolean, default=False)


class Bin(IdMixin, TimestampMixin, Base):
    __tablename__ = "bins"

    site_id = Column(Integer, ForeignKey("storage_sites.id"), nullable=False)
    code = Column(String(10), nullable=False)
    capacity_t = Column(Float, nullable=False)
    commodity = Column(String(20))
    grade_code = Column(String(10))
    current_kg = Column(Integer, default=0)
    aerated = Column(Boolean, default=True)
    out_of_service = Column(Boolean, default=False)
    last_cleaned_on = Column(Date)

    site = relationship("StorageSite", backref="bins")

    @property
    def free_kg(self):
        return int(self.capacity_t * 1000) - (self.current_kg or 0)


class StockMovement(IdMixin, TimestampMixin, Base):
    __tablename__ = "stock_movements"

    bin_id = Column(Integer, ForeignKey("bins.id"), nullable=False)
    movement_type = Column(String(16))  # intake/outload/transfer_in/transfer_out/shrink/adjust
    qty_kg = Column(Integer, nullable=False)  # signed
    ref_type = Column(String(20))
    ref_id = Column(Integer)
    moved_at = Column(DateTime, default=datetime.utcnow)
    note = Column(String(200))

    bin = relationship("Bin", backref="movements")


class BinTransfer(IdMixin, AuditMixin, Base):
    __tablename__ = "bin_transfers"

    from_bin_id = Column(Integer, ForeignKey("bins.id"), nullable=False)
    to_bin_id = Column(Integer, ForeignKey("bins.id"), nullable=False)
    qty_kg = Column(Integer, nullable=False)
    reason = Column(String(40))  # blending / turning / hot spot / consolidation
    done_at = Column(DateTime, default=datetime.utcnow)

    from_bin = relationship("Bin", foreign_keys=[from_bin_id])
    to_bin = relationship("Bin", foreign_keys=[to_bin_id])


class FumigationLog(IdMixin, TimestampMixin, Base):
    __tablename__ = "fumigation_logs"

    bin_id = Column(Integer, ForeignKey("bins.id"), nullable=False)
    product = Column(String(40), default="phosphine")
    dose_g_per_t = Column(Float)
    applied_on = Column(Date)
    applicator_licence = Column(String(20))
    reentry_after = Column(DateTime)
    pest = Column(String(40))

    bin = relationship("Bin", backref="fumigations")


class StockCount(IdMixin, TimestampMixin, Base):
    __tablename__ = "stock_counts"

    bin_id = Column(Integer, ForeignKey("bins.id"), nullable=False)
    counted_on = Column(Date)
    measured_kg = Column(Integer)
    book_kg = Column(Integer)
    variance_kg = Column(Integer)
    method = Column(String(20))  # dipstick / lidar / drawdown
    counted_by = Column(String(64))
    posted = Column(Boolean, default=False)

    bin = relationship("Bin")


class Pool(IdMixin, Base):
    """Price pool a delivery settles into (commodity + grade + crop year).

    Put in grain.py because tickets reference it. Belongs to finance really.
    """
    __tablename__ = "pools"

    crop_year = Column(Integer, nullable=False)
    commodity = Column(String(20), nullable=False)
    grade_code = Column(String(10))
    initial_price_t = Column(Numeric(10, 2))
    interim_price_t = Column(Numeric(10, 2))
    final_price_t = Column(Numeric(10, 2))
    closed = Column(Boolean, default=False)
    notes = Column(Text)
