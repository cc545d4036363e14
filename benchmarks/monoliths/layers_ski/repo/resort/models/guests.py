import datetime

from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Integer,
                        LargeBinary, String, Text, UniqueConstraint)
from sqlalchemy.orm import relationship, backref

from .meta import Base, TimestampMixin, SoftDeleteMixin


class Guest(Base, TimestampMixin, SoftDeleteMixin):
    __tablename__ = 'guests'

    id = Column(Integer, primary_key=True)
    first_name = Column(String(80), nullable=False)
    last_name = Column(String(80), nullable=False)
    email = Column(String(255), index=True)
    phone = Column(String(40))
    birth_date = Column(Date)
    country = Column(String(2), default='US')
    postal_code = Column(String(20))
    marketing_opt_in = Column(Boolean, default=False)
    snow_alerts = Column(Boolean, default=False)
    account_id = Column(Integer, ForeignKey('user_accounts.id'), nullable=True)
    photo_path = Column(String(255))
    notes = Column(Text)

    account = relationship('UserAccount', backref=backref('guest', uselist=False))

    @property
    def full_name(self):
        return u'%s %s' % (self.first_name, self.last_name)

    def age_on(self, day=None):
        if self.birth_date is None:
            return None
        day = day or datetime.date.today()
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    def is_minor(self, day=None):
        age = self.age_on(day)
        return age is not None and age < 18

    def __repr__(self):
        return '<Guest %s %s>' % (self.id, self.full_name)


class UserAccount(Base, TimestampMixin):
    __tablename__ = 'user_accounts'

    id = Column(Integer, primary_key=True)
    username = Column(String(80), unique=True, nullable=False)
    email = Column(String(255), unique=True)
    password_hash = Column(String(255))
    # guest, cashier, frontdesk, school, rental, ops, fnb, manager, admin
    role = Column(String(20), default='guest', nullable=False)
    is_active = Column(Boolean, default=True)
    last_login = Column(DateTime)
    failed_logins = Column(Integer, default=0)

    def is_staff(self):
        return self.role not in ('guest', None)


class AuthToken(Base):
    __tablename__ = 'auth_tokens'

    id = Column(Integer, primary_key=True)
    token = Column(String(64), unique=True, nullable=False)
    account_id = Column(Integer, ForeignKey('user_accounts.id'), nullable=False)
    purpose = Column(String(20), default='reset')  # reset / api / verify
    created_at = Column(DateTime, default=datetime.datetime.utcnow)
    expires_at = Column(DateTime)

    account = relationship('UserAccount', backref='tokens')

    def is_expired(self, now=None):
        now = now or datetime.datetime.utcnow()
        return self.expires_at is not None and self.expires_at < now


class LoyaltyAccount(Base, TimestampMixin):
    __tablename__ = 'loyalty_accounts'

    id = Column(Integer, primary_key=True)
    guest_id = Column(Integer, ForeignKey('guests.id'), unique=True, nullable=False)
    card_number = Column(String(20), unique=True)
    tier = Column(String(10), default='blue')  # blue, silver, gold, black
    points_balance = Column(Integer, default=0, nullable=False)
    lifetime_points = Column(Integer, default=0, nullable=False)

    guest = relationship('Guest', backref=backref('loyalty', uselist=False))
    transactions = relationship('LoyaltyTransaction', backref='account',
                                order_by='LoyaltyTransaction.created_at')


class LoyaltyTransaction(Base):
    __tablename__ = 'loyalty_transactions'

    id = Column(Integer, primary_key=True)
    account_id = Column(Integer, ForeignKey('loyalty_accounts.id'), nullable=False)
    points = Column(Integer, nullable=False)
    reason = Column(String(40))
    source = Column(String(20))      # pass / lesson / pos / rental / manual
    source_ref = Column(String(40))
    created_at = Column(DateTime, default=datetime.datetime.utcnow)
    expires_on = Column(Date)


class Waiver(Base):
    __tablename__ = 'waivers'
    __table_args__ = (UniqueConstraint('guest_id', 'season'),)

    id = Column(Integer, primary_key=True)
    guest_id = Column(Integer, ForeignKey('guests.id'), nullable=False)
    season = Column(String(9), nullable=False)  # "2021/2022"
    signed_at = Column(DateTime, default=datetime.datetime.utcnow)
    guardian_name = Column(String(160))
    signature = Column(LargeBinary)
    ip_address = Column(String(45))

    guest = relationship('Guest', backref='waivers')
