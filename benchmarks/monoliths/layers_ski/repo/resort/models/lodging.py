from sqlalchemy import (Boolean, Column, Date, ForeignKey, Integer, Numeric,
                        String, Text)
from sqlalchemy.orm import relationship

from .meta import Base, TimestampMixin


class LodgingUnit(Base):
    __tablename__ = 'lodging_units'

    id = Column(Integer, primary_key=True)
    building = Column(String(40), nullable=False)   # Summit Lodge, Aspen Condos...
    unit_number = Column(String(10), nullable=False)
    unit_type = Column(String(20), nullable=False)  # hotel_room, studio, 2br_condo ...
    beds = Column(Integer, default=2)
    max_occupancy = Column(Integer, default=4)
    ski_in_out = Column(Boolean, default=False)
    status = Column(String(12), default='clean')    # clean, dirty, ooo, inspected

    @property
    def label(self):
        return '%s %s' % (self.building, self.unit_number)


class LodgingRate(Base):
    __tablename__ = 'lodging_rates'

    id = Column(Integer, primary_key=True)
    unit_type = Column(String(20), nullable=False)
    season_id = Column(Integer, ForeignKey('price_seasons.id'), nullable=False)
    nightly_rate = Column(Numeric(10, 2), nullable=False)
    min_nights = Column(Integer, default=1)
    weekend_surcharge = Column(Numeric(10, 2), default=0)

    season = relationship('PriceSeason')


class LodgingReservation(Base, TimestampMixin):
    __tablename__ = 'lodging_reservations'

    id = Column(Integer, primary_key=True)
    confirmation_code = Column(String(12), unique=True, nullable=False)
    guest_id = Column(Integer, ForeignKey('guests.id'), nullable=False)
    unit_id = Column(Integer, ForeignKey('lodging_units.id'))
    unit_type = Column(String(20))
    arrival = Column(Date, nullable=False)
    departure = Column(Date, nullable=False)
    adults = Column(Integer, default=2)
    children = Column(Integer, default=0)
    status = Column(String(12), default='booked')  # held, booked, in_house, departed, cancelled, noshow
    folio_id = Column(Integer, ForeignKey('folios.id'))
    total = Column(Numeric(10, 2))
    deposit_paid = Column(Numeric(10, 2), default=0)
    package_code = Column(String(20))
    special_requests = Column(Text)

    guest = relationship('Guest', backref='reservations')
    unit = relationship('LodgingUnit', backref='reservations')

    @property
    def nights(self):
        return (self.departure - self.arrival).days


class HousekeepingTask(Base):
    __tablename__ = 'housekeeping_tasks'

    id = Column(Integer, primary_key=True)
    unit_id = Column(Integer, ForeignKey('lodging_units.id'), nullable=False)
    task_date = Column(Date, nullable=False)
    kind = Column(String(12), default='stayover')  # checkout, stayover, deep, inspection
    status = Column(String(12), default='open')
    assigned_to = Column(String(60))
    notes = Column(Text)

    unit = relationship('LodgingUnit')
