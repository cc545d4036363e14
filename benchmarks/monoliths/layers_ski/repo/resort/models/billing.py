import datetime

from sqlalchemy import (Column, DateTime, ForeignKey, Integer, Numeric, String,
                        Text)
from sqlalchemy.orm import relationship

from .meta import Base, TimestampMixin


class Folio(Base, TimestampMixin):
    __tablename__ = 'folios'

    id = Column(Integer, primary_key=True)
    guest_id = Column(Integer, ForeignKey('guests.id'), nullable=False)
    status = Column(String(10), default='open')  # open, settled, closed, writeoff
    currency = Column(String(3), default='USD')
    card_token = Column(String(64))  # card on file, from the gateway
    credit_limit = Column(Numeric(10, 2), default=500)
    closed_at = Column(DateTime)

    guest = relationship('Guest', backref='folios')
    charges = relationship('FolioCharge', backref='folio', order_by='FolioCharge.posted_at')
    payments = relationship('Payment', backref='folio')

    def balance(self):
        charged = sum((c.amount + (c.tax or 0)) for c in self.charges if not c.voided_at)
        paid = sum(p.amount for p in self.payments if p.status == 'captured')
        return charged - paid


class FolioCharge(Base):
    __tablename__ = 'folio_charges'

    id = Column(Integer, primary_key=True)
    folio_id = Column(Integer, ForeignKey('folios.id'), nullable=False)
    source = Column(String(12), nullable=False)  # pass, lesson, rental, lodging, pos, misc
    source_ref = Column(String(40))
    description = Column(String(200))
    amount = Column(Numeric(10, 2), nullable=False)
    tax = Column(Numeric(10, 2), default=0)
    posted_at = Column(DateTime, default=datetime.datetime.utcnow)
    posted_by = Column(Integer, ForeignKey('user_accounts.id'))
    voided_at = Column(DateTime)


class Payment(Base):
    __tablename__ = 'payments'

    id = Column(Integer, primary_key=True)
    folio_id = Column(Integer, ForeignKey('folios.id'), nullable=False)
    method = Column(String(10))  # card, cash, voucher, room_transfer
    amount = Column(Numeric(10, 2), nullable=False)
    gateway_ref = Column(String(64))
    status = Column(String(10), default='pending')  # pending, captured, failed, refunded
    captured_at = Column(DateTime)
    last4 = Column(String(4))
    error = Column(Text)

    refunds = relationship('Refund', backref='payment')


class Refund(Base):
    __tablename__ = 'refunds'

    id = Column(Integer, primary_key=True)
    payment_id = Column(Integer, ForeignKey('payments.id'), nullable=False)
    amount = Column(Numeric(10, 2), nullable=False)
    reason = Column(String(200))
    gateway_ref = Column(String(64))
    created_at = Column(DateTime, default=datetime.datetime.utcnow)
    approved_by = Column(Integer, ForeignKey('user_accounts.id'))
