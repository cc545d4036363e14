import datetime

from sqlalchemy import (Boolean, Column, DateTime, ForeignKey, Integer, Numeric,
                        String)
from sqlalchemy.orm import relationship

from .meta import Base, JSONEncodedDict


class Outlet(Base):
    __tablename__ = 'outlets'

    id = Column(Integer, primary_key=True)
    code = Column(String(10), unique=True)
    name = Column(String(80))
    location = Column(String(40))  # base, midmountain, summit, village
    opens = Column(String(5))
    closes = Column(String(5))
    register_count = Column(Integer, default=1)
    offline_mode = Column(Boolean, default=False)


class MenuItem(Base):
    __tablename__ = 'menu_items'

    id = Column(Integer, primary_key=True)
    outlet_id = Column(Integer, ForeignKey('outlets.id'), nullable=False)
    sku = Column(String(20))
    name = Column(String(80), nullable=False)
    category = Column(String(20))   # food, beverage, alcohol, retail
    price = Column(Numeric(8, 2), nullable=False)
    tax_rate = Column(Numeric(5, 4), default=0)
    active = Column(Boolean, default=True)

    outlet = relationship('Outlet', backref='menu')


class PosCheck(Base):
    __tablename__ = 'pos_checks'

    id = Column(Integer, primary_key=True)
    outlet_id = Column(Integer, ForeignKey('outlets.id'), nullable=False)
    register_no = Column(Integer, default=1)
    table_no = Column(String(6))
    server = Column(String(40))
    guest_id = Column(Integer, ForeignKey('guests.id'))
    opened_at = Column(DateTime, default=datetime.datetime.utcnow)
    closed_at = Column(DateTime)
    status = Column(String(10), default='open')  # open, closed, void, room
    subtotal = Column(Numeric(10, 2), default=0)
    tax = Column(Numeric(10, 2), default=0)
    tip = Column(Numeric(10, 2), default=0)
    total = Column(Numeric(10, 2), default=0)
    tender = Column(String(10))  # cash, card, room, comp
    folio_charge_id = Column(Integer, ForeignKey('folio_charges.id'))
    fiscal_no = Column(String(30))

    outlet = relationship('Outlet')
    lines = relationship('PosCheckLine', backref='check', cascade='all, delete-orphan')


class PosCheckLine(Base):
    __tablename__ = 'pos_check_lines'

    id = Column(Integer, primary_key=True)
    check_id = Column(Integer, ForeignKey('pos_checks.id'), nullable=False)
    menu_item_id = Column(Integer, ForeignKey('menu_items.id'))
    qty = Column(Integer, default=1)
    unit_price = Column(Numeric(8, 2))
    modifiers = Column(JSONEncodedDict)
    voided = Column(Boolean, default=False)
    void_reason = Column(String(80))

    menu_item = relationship('MenuItem')
