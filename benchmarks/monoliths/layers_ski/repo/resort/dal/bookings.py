import datetime

from sqlalchemy import and_, not_, or_

from ..models import DBSession
from ..models.lodging import LodgingReservation, LodgingUnit
from ..models.school import Lesson, LessonEnrollment
from ..models.billing import Folio, FolioCharge
from .base import BaseRepository

ACTIVE_RES = ('held', 'booked', 'in_house')


class ReservationRepository(BaseRepository):
    model = LodgingReservation

    def by_code(self, code):
        return self.query().filter(
            LodgingReservation.confirmation_code == code.upper()).first()

    def arrivals(self, day):
        return self.query().filter(LodgingReservation.arrival == day,
                                   LodgingReservation.status == 'booked').all()

    def departures(self, day):
        return self.query().filter(LodgingReservation.departure == day,
                                   LodgingReservation.status == 'in_house').all()

    def in_house_for_guest(self, guest_id):
        return self.query().filter(LodgingReservation.guest_id == guest_id,
                                   LodgingReservation.status == 'in_house').first()


def free_units(arrival, departure, unit_type=None):
    taken = DBSession.query(LodgingReservation.unit_id).filter(
        LodgingReservation.status.in_(ACTIVE_RES),
        LodgingReservation.unit_id != None,  # noqa
        LodgingReservation.arrival < departure,
        LodgingReservation.departure > arrival)
    q = DBSession.query(LodgingUnit).filter(~LodgingUnit.id.in_(taken),
                                            LodgingUnit.status != 'ooo')
    if unit_type:
        q = q.filter(LodgingUnit.unit_type == unit_type)
    return q.order_by(LodgingUnit.building, LodgingUnit.unit_number).all()


class EnrollmentRepository(BaseRepository):
    model = LessonEnrollment

    def for_lesson(self, lesson_id):
        return self.query().filter(LessonEnrollment.lesson_id == lesson_id,
                                   LessonEnrollment.status != 'cancelled').all()

    def upcoming_for_guest(self, guest_id):
        return self.query().join(Lesson).filter(
            LessonEnrollment.guest_id == guest_id,
            LessonEnrollment.status == 'booked',
            Lesson.starts_at >= datetime.datetime.utcnow()).order_by(Lesson.starts_at).all()


def lessons_on(day, include_cancelled=False):
    start = datetime.datetime.combine(day, datetime.time.min)
    q = DBSession.query(Lesson).filter(Lesson.starts_at >= start,
                                       Lesson.starts_at < start + datetime.timedelta(days=1))
    if not include_cancelled:
        q = q.filter(Lesson.status != 'cancelled')
    return q.order_by(Lesson.starts_at).all()


class FolioRepository(BaseRepository):
    model = Folio

    def open_for_guest(self, guest_id):
        return self.query().filter(Folio.guest_id == guest_id,
                                   Folio.status == 'open').order_by(Folio.id.desc()).first()

    def charges_for(self, folio_id, include_void=False):
        q = DBSession.query(FolioCharge).filter(FolioCharge.folio_id == folio_id)
        if not include_void:
            q = q.filter(FolioCharge.voided_at == None)  # noqa
        return q.order_by(FolioCharge.posted_at).all()
