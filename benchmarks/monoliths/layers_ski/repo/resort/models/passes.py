import datetime

from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Integer,
                        Numeric, String, Index)
from sqlalchemy.orm import relationship

from .meta import Base, TimestampMixin


class PassProduct(Base, TimestampMixin):
    __tablename__ = 'pass_products'

    id = Column(Integer, primary_key=True)
    code = Column(String(20), unique=True, nullable=False)
    name = Column(String(120), nullable=False)
    kind = Column(String(10), nullable=False)  # day, multi, season, halfday
    days = Column(Integer, default=1)
    base_price = Column(Numeric(10, 2), nullable=False)
    sold_online = Column(Boolean, default=True)
    active = Column(Boolean, default=True)
    sort_order = Column(Integer, default=100)

    rules = relationship('PriceRule', backref='product')

    def is_season_pass(self):
        return self.kind == 'season'


class PriceSeason(Base):
    __tablename__ = 'price_seasons'

    id = Column(Integer, primary_key=True)
    name = Column(String(40), nullable=False)  # value / regular / peak / holiday
    start_date = Column(Date, nullable=False)
    end_date = Column(Date, nullable=False)
    multiplier = Column(Numeric(4, 2), default=1)

    def contains(self, day):
        return self.start_date <= day <= self.end_date


class PriceRule(Base):
    __tablename__ = 'price_rules'

    id = Column(Integer, primary_key=True)
    product_id = Column(Integer, ForeignKey('pass_products.id'), nullable=False)
    season_id = Column(Integer, ForeignKey('price_seasons.id'))
    age_category = Column(String(10), default='adult')  # child, teen, adult, senior
    advance_days = Column(Integer, default=0)
    price = Column(Numeric(10, 2), nullable=False)
    valid_from = Column(Date)
    valid_to = Column(Date)

    season = relationship('PriceSeason')


class PromoCode(Base):
    __tablename__ = 'promo_codes'

    id = Column(Integer, primary_key=True)
    code = Column(String(30), unique=True, nullable=False)
    description = Column(String(200))
    percent_off = Column(Numeric(5, 2))
    amount_off = Column(Numeric(10, 2))
    valid_until = Column(Date)
    max_uses = Column(Integer)
    uses = Column(Integer, default=0)
    product_id = Column(Integer, ForeignKey('pass_products.id'))

    def exhausted(self):
        return self.max_uses is not None and self.uses >= self.max_uses


class LiftPass(Base, TimestampMixin):
    __tablename__ = 'lift_passes'
    __table_args__ = (Index('ix_lift_passes_guest_valid', 'guest_id', 'valid_from'),)

    id = Column(Integer, primary_key=True)
    serial = Column(String(24), unique=True, nullable=False)
    guest_id = Column(Integer, ForeignKey('guests.id'), nullable=False)
    product_id = Column(Integer, ForeignKey('pass_products.id'), nullable=False)
    promo_code_id = Column(Integer, ForeignKey('promo_codes.id'))
    valid_from = Column(Date, nullable=False)
    valid_to = Column(Date, nullable=False)
    status = Column(String(12), default='issued')  # issued, active, blocked, refunded, expired
    price_paid = Column(Numeric(10, 2))
    folio_charge_id = Column(Integer, ForeignKey('folio_charges.id'))
    rfid_uid = Column(String(32))
    blocked_reason = Column(String(200))
    first_scan_at = Column(DateTime)

    guest = relationship('Guest', backref='passes')
    product = relationship('PassProduct')
    promo = relationship('PromoCode')
    scans = relationship('PassScan', backref='lift_pass', lazy='dynamic')

    def is_valid_on(self, day):
        return (self.status in ('issued', 'active')
                and self.valid_from <= day <= self.valid_to)


class PassScan(Base):
    __tablename__ = 'pass_scans'

    id = Column(Integer, primary_key=True)
    pass_id = Column(Integer, ForeignKey('lift_passes.id'), nullable=True)
    lift_id = Column(Integer, ForeignKey('lifts.id'), nullable=False)
    gate = Column(String(10))
    raw_code = Column(String(64))
    scanned_at = Column(DateTime, default=datetime.datetime.utcnow, index=True)
    accepted = Column(Boolean, default=True)
    reason = Column(String(40))

    lift = relationship('Lift')
