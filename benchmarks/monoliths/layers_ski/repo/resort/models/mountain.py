import datetime

from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Integer,
                        Numeric, String, Text)
from sqlalchemy.orm import relationship

from .meta import Base


class Lift(Base):
    __tablename__ = 'lifts'

    id = Column(Integer, primary_key=True)
    name = Column(String(60), unique=True, nullable=False)
    lift_type = Column(String(20))  # chair4, chair6, gondola, tbar, carpet
    sector = Column(String(30))
    capacity_per_hour = Column(Integer)
    vertical_m = Column(Integer)
    status = Column(String(12), default='closed')  # open, closed, hold, wind_hold, maintenance
    wind_limit_kmh = Column(Integer, default=70)
    weather_station = Column(String(20))
    opens_at = Column(String(5), default='09:00')
    closes_at = Column(String(5), default='16:00')

    status_log = relationship('LiftStatusLog', backref='lift', lazy='dynamic',
                              order_by='LiftStatusLog.changed_at.desc()')

    def is_open(self):
        return self.status == 'open'


class LiftStatusLog(Base):
    __tablename__ = 'lift_status_log'

    id = Column(Integer, primary_key=True)
    lift_id = Column(Integer, ForeignKey('lifts.id'), nullable=False)
    status = Column(String(12), nullable=False)
    reason = Column(String(200))
    changed_at = Column(DateTime, default=datetime.datetime.utcnow)
    changed_by = Column(Integer, ForeignKey('user_accounts.id'))


class MaintenanceOrder(Base):
    __tablename__ = 'maintenance_orders'

    id = Column(Integer, primary_key=True)
    lift_id = Column(Integer, ForeignKey('lifts.id'), nullable=False)
    title = Column(String(160), nullable=False)
    description = Column(Text)
    priority = Column(Integer, default=3)  # 1 = stop the lift
    status = Column(String(12), default='open')
    opened_at = Column(DateTime, default=datetime.datetime.utcnow)
    closed_at = Column(DateTime)
    technician = Column(String(60))
    downtime_minutes = Column(Integer, default=0)
    parts_cost = Column(Numeric(10, 2))

    lift = relationship('Lift', backref='maintenance_orders')


class Trail(Base):
    __tablename__ = 'trails'

    id = Column(Integer, primary_key=True)
    name = Column(String(80), nullable=False)
    difficulty = Column(String(12))  # green, blue, black, double_black, park
    sector = Column(String(30))
    length_m = Column(Integer)
    status = Column(String(10), default='closed')
    snowmaking = Column(Boolean, default=False)
    lift_id = Column(Integer, ForeignKey('lifts.id'))

    lift = relationship('Lift', backref='trails')


class GroomingLog(Base):
    __tablename__ = 'grooming_logs'

    id = Column(Integer, primary_key=True)
    trail_id = Column(Integer, ForeignKey('trails.id'), nullable=False)
    groomed_at = Column(DateTime, default=datetime.datetime.utcnow)
    machine = Column(String(20))
    operator = Column(String(60))
    pass_type = Column(String(20), default='full')  # full, half, winch, tilled
    hours = Column(Numeric(4, 1))

    trail = relationship('Trail', backref='grooming')


class SnowReport(Base):
    __tablename__ = 'snow_reports'

    id = Column(Integer, primary_key=True)
    report_date = Column(Date, unique=True, nullable=False)
    base_cm = Column(Integer)
    summit_cm = Column(Integer)
    new_snow_24h = Column(Integer, default=0)
    new_snow_7d = Column(Integer, default=0)
    surface = Column(String(40))  # packed powder, powder, machine groomed...
    comments = Column(Text)
    published = Column(Boolean, default=False)
    published_at = Column(DateTime)
    author_id = Column(Integer, ForeignKey('user_accounts.id'))


class WeatherReading(Base):
    __tablename__ = 'weather_readings'

    id = Column(Integer, primary_key=True)
    station = Column(String(20), nullable=False, index=True)
    read_at = Column(DateTime, nullable=False)
    temp_c = Column(Numeric(4, 1))
    wind_kmh = Column(Integer)
    gust_kmh = Column(Integer)
    snow_depth_cm = Column(Integer)
