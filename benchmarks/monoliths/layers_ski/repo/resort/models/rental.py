import datetime

from sqlalchemy import (Column, Date, DateTime, ForeignKey, Integer, Numeric,
                        String, Text)
from sqlalchemy.orm import relationship

from .meta import Base, TimestampMixin, SoftDeleteMixin


class EquipmentCategory(Base):
    __tablename__ = 'equipment_categories'

    id = Column(Integer, primary_key=True)
    name = Column(String(60), nullable=False)       # "Performance Ski Package"
    kind = Column(String(20))                        # skis, boots, board, helmet, poles
    daily_rate = Column(Numeric(8, 2), nullable=False)
    deposit = Column(Numeric(8, 2), default=0)
    tune_every_days = Column(Integer, default=10)


class EquipmentItem(Base, TimestampMixin, SoftDeleteMixin):
    __tablename__ = 'equipment_items'

    id = Column(Integer, primary_key=True)
    category_id = Column(Integer, ForeignKey('equipment_categories.id'), nullable=False)
    asset_tag = Column(String(20), unique=True, nullable=False)
    brand = Column(String(40))
    model = Column(String(60))
    size = Column(String(10))
    condition = Column(String(10), default='good')   # new, good, worn, damaged
    status = Column(String(12), default='available')  # available, out, tuning, retired
    last_tuned = Column(Date)
    purchased_on = Column(Date)

    category = relationship('EquipmentCategory', backref='items')


class RentalOrder(Base, TimestampMixin):
    __tablename__ = 'rental_orders'

    id = Column(Integer, primary_key=True)
    guest_id = Column(Integer, ForeignKey('guests.id'), nullable=False)
    folio_id = Column(Integer, ForeignKey('folios.id'))
    picked_up_at = Column(DateTime, default=datetime.datetime.utcnow)
    due_back = Column(DateTime)
    returned_at = Column(DateTime)
    status = Column(String(12), default='open')  # open, returned, overdue, lost
    skier_type = Column(Integer)  # I, II, III for DIN
    weight_kg = Column(Integer)
    height_cm = Column(Integer)
    boot_sole_mm = Column(Integer)
    total = Column(Numeric(10, 2))
    damage_notes = Column(Text)

    guest = relationship('Guest', backref='rental_orders')
    lines = relationship('RentalOrderLine', backref='order', cascade='all, delete-orphan')


class RentalOrderLine(Base):
    __tablename__ = 'rental_order_lines'

    id = Column(Integer, primary_key=True)
    order_id = Column(Integer, ForeignKey('rental_orders.id'), nullable=False)
    item_id = Column(Integer, ForeignKey('equipment_items.id'), nullable=False)
    daily_rate = Column(Numeric(8, 2))
    days = Column(Integer, default=1)
    din_setting = Column(Numeric(4, 1))

    item = relationship('EquipmentItem')


class TuningJob(Base):
    __tablename__ = 'tuning_jobs'

    id = Column(Integer, primary_key=True)
    item_id = Column(Integer, ForeignKey('equipment_items.id'), nullable=False)
    job_type = Column(String(20), default='full')  # wax, edge, full, binding_check, repair
    requested_at = Column(DateTime, default=datetime.datetime.utcnow)
    completed_at = Column(DateTime)
    technician = Column(String(60))
    notes = Column(Text)

    item = relationship('EquipmentItem', backref='tuning_jobs')
