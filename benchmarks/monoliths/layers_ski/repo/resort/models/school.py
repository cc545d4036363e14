from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Integer,
                        Numeric, String, Text, Time)
from sqlalchemy.orm import relationship

from .meta import Base, TimestampMixin


class Instructor(Base, TimestampMixin):
    __tablename__ = 'instructors'

    id = Column(Integer, primary_key=True)
    account_id = Column(Integer, ForeignKey('user_accounts.id'))
    first_name = Column(String(80))
    last_name = Column(String(80))
    discipline = Column(String(12), default='ski')  # ski, snowboard, telemark, both
    level = Column(Integer, default=1)
    languages = Column(String(60), default='en')
    hourly_rate = Column(Numeric(8, 2))
    kids_certified = Column(Boolean, default=False)
    active = Column(Boolean, default=True)

    account = relationship('UserAccount')
    certifications = relationship('InstructorCertification', backref='instructor')
    shifts = relationship('InstructorShift', backref='instructor', lazy='dynamic')

    @property
    def name(self):
        return '%s %s' % (self.first_name, self.last_name)


class InstructorCertification(Base):
    __tablename__ = 'instructor_certifications'

    id = Column(Integer, primary_key=True)
    instructor_id = Column(Integer, ForeignKey('instructors.id'), nullable=False)
    body = Column(String(20))   # PSIA, AASI, CSIA ...
    level = Column(String(10))
    issued_on = Column(Date)
    expires_on = Column(Date)


class LessonType(Base):
    __tablename__ = 'lesson_types'

    id = Column(Integer, primary_key=True)
    code = Column(String(20), unique=True)
    name = Column(String(120))
    discipline = Column(String(12), default='ski')
    min_age = Column(Integer, default=3)
    max_age = Column(Integer)
    duration_minutes = Column(Integer, default=120)
    max_students = Column(Integer, default=8)
    private = Column(Boolean, default=False)
    min_instructor_level = Column(Integer, default=1)
    price = Column(Numeric(10, 2))
    includes_rental = Column(Boolean, default=False)
    includes_pass = Column(Boolean, default=False)


class Lesson(Base, TimestampMixin):
    __tablename__ = 'lessons'

    id = Column(Integer, primary_key=True)
    lesson_type_id = Column(Integer, ForeignKey('lesson_types.id'), nullable=False)
    instructor_id = Column(Integer, ForeignKey('instructors.id'))
    starts_at = Column(DateTime, nullable=False, index=True)
    meeting_point = Column(String(80), default='Ski School Desk')
    status = Column(String(12), default='scheduled')  # scheduled, full, cancelled, done
    capacity = Column(Integer)
    notes = Column(Text)

    lesson_type = relationship('LessonType')
    instructor = relationship('Instructor', backref='lessons')
    enrollments = relationship('LessonEnrollment', backref='lesson')

    def seats_taken(self):
        return len([e for e in self.enrollments if e.status != 'cancelled'])


class LessonEnrollment(Base, TimestampMixin):
    __tablename__ = 'lesson_enrollments'

    id = Column(Integer, primary_key=True)
    lesson_id = Column(Integer, ForeignKey('lessons.id'), nullable=False)
    guest_id = Column(Integer, ForeignKey('guests.id'), nullable=False)
    ability_level = Column(Integer)
    status = Column(String(12), default='booked')  # booked, cancelled, attended, noshow
    price_paid = Column(Numeric(10, 2))
    folio_charge_id = Column(Integer, ForeignKey('folio_charges.id'))
    parent_phone = Column(String(40))

    guest = relationship('Guest', backref='enrollments')


class InstructorShift(Base):
    __tablename__ = 'instructor_shifts'

    id = Column(Integer, primary_key=True)
    instructor_id = Column(Integer, ForeignKey('instructors.id'), nullable=False)
    shift_date = Column(Date, nullable=False)
    start_time = Column(Time)
    end_time = Column(Time)
    role = Column(String(20), default='teaching')  # teaching, lineup, desk, sick
    clocked_in = Column(DateTime)
    clocked_out = Column(DateTime)
