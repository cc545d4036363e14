import datetime
import logging

from sqlalchemy import func

from ..dal.bookings import EnrollmentRepository, lessons_on
from ..dal.operations import instructors_available
from ..lib.money import round_money, to_decimal
from ..models import DBSession
from ..models.passes import PassProduct
from ..models.school import (Instructor, InstructorCertification, InstructorShift,
                             Lesson, LessonEnrollment, LessonType)
from . import billing, loyalty, notifications
from .guests import has_valid_waiver

log = logging.getLogger(__name__)

SCHOOL_PASS_CODE = 'SCHOOL1'


class BookingError(Exception):
    pass


def capacity_left(lesson):
    cap = lesson.capacity or lesson.lesson_type.max_students
    return max(cap - lesson.seats_taken(), 0)


def book_lesson(guest, lesson, ability_level=None, user=None, parent_phone=None):
    ltype = lesson.lesson_type
    if lesson.status in ('cancelled', 'done'):
        raise BookingError('lesson is %s' % lesson.status)
    if capacity_left(lesson) <= 0:
        raise BookingError('lesson is full')
    age = guest.age_on(lesson.starts_at.date())
    if age is not None and (age < ltype.min_age or (ltype.max_age and age > ltype.max_age)):
        raise BookingError('age %s outside %s-%s' % (age, ltype.min_age, ltype.max_age))
    if guest.is_minor() and not parent_phone:
        raise BookingError('parent phone required for kids')
    if not has_valid_waiver(guest, lesson.starts_at.date()):
        log.info('guest %s booked without waiver', guest.id)
    enrollment = LessonEnrollment(lesson_id=lesson.id, guest_id=guest.id,
                                  ability_level=ability_level, price_paid=ltype.price,
                                  parent_phone=parent_phone)
    DBSession.add(enrollment)
    DBSession.flush()
    charge = billing.post_charge(guest.id, 'lesson', ltype.price,
                                 '%s %s' % (ltype.name, lesson.starts_at.strftime('%d %b %H:%M')),
                                 source_ref=enrollment.id, user=user)
    enrollment.folio_charge_id = charge.id
    if ltype.includes_pass:
        # beginner packages come with a beginner-area lift ticket
        from .passes import sell_pass
        product = DBSession.query(PassProduct).filter(PassProduct.code == SCHOOL_PASS_CODE).one()
        sell_pass(guest, product, lesson.starts_at.date(), user=user, charge=False,
                  send_receipt=False)
    if capacity_left(lesson) == 0:
        lesson.status = 'full'
    loyalty.award_points(guest, ltype.price, 'lesson', enrollment.id)
    notifications.send_lesson_confirmation(enrollment)
    return enrollment


def cancel_enrollment(enrollment, user=None, refund=True):
    enrollment.status = 'cancelled'
    lesson = enrollment.lesson
    if lesson.status == 'full':
        lesson.status = 'scheduled'
    hours_before = (lesson.starts_at - datetime.datetime.utcnow()).total_seconds() / 3600
    if refund and enrollment.folio_charge_id and hours_before >= 24:
        from ..models.billing import FolioCharge
        charge = DBSession.query(FolioCharge).get(enrollment.folio_charge_id)
        billing.refund_charge(charge, 'lesson cancelled', user)
    return enrollment


def assign_instructor(lesson, instructor=None):
    ltype = lesson.lesson_type
    if instructor is None:
        candidates = instructors_available(lesson.starts_at, ltype.discipline,
                                           ltype.min_instructor_level)
        if ltype.min_age and ltype.min_age < 7:
            candidates = [c for c in candidates if c.kids_certified] or candidates
        if not candidates:
            return None
        # least loaded first
        candidates.sort(key=lambda i: (len([l for l in i.lessons
                                            if l.starts_at.date() == lesson.starts_at.date()]),
                                       -i.level))
        instructor = candidates[0]
    lesson.instructor_id = instructor.id
    return instructor


def create_group_lessons(day, times=('09:30', '13:30')):
    """Create the standard group lessons for a day if they don't exist yet."""
    created = []
    existing = set((l.lesson_type_id, l.starts_at) for l in lessons_on(day, True))
    for ltype in DBSession.query(LessonType).filter(LessonType.private == False):  # noqa
        for t in times:
            hh, mm = [int(x) for x in t.split(':')]
            starts = datetime.datetime.combine(day, datetime.time(hh, mm))
            if (ltype.id, starts) in existing:
                continue
            lesson = Lesson(lesson_type_id=ltype.id, starts_at=starts,
                            capacity=ltype.max_students)
            DBSession.add(lesson)
            created.append(lesson)
    DBSession.flush()
    for lesson in created:
        assign_instructor(lesson)
    return created


def expiring_certifications(within_days=30):
    limit = datetime.date.today() + datetime.timedelta(days=within_days)
    return DBSession.query(InstructorCertification).join(Instructor).filter(
        Instructor.active == True,  # noqa
        InstructorCertification.expires_on <= limit).all()


def instructor_payroll(instructor, start, end):
    shifts = instructor.shifts.filter(InstructorShift.shift_date >= start,
                                      InstructorShift.shift_date <= end,
                                      InstructorShift.role != 'sick').all()
    hours = 0
    for s in shifts:
        if s.clocked_in and s.clocked_out:
            hours += (s.clocked_out - s.clocked_in).total_seconds() / 3600.0
    privates = DBSession.query(func.count(Lesson.id)).join(LessonType).filter(
        Lesson.instructor_id == instructor.id, LessonType.private == True,  # noqa
        Lesson.status == 'done',
        Lesson.starts_at >= start, Lesson.starts_at <= end).scalar()
    # private lesson bonus, 15 per lesson (agreed with the union 2021)
    return round_money(to_decimal(hours) * to_decimal(instructor.hourly_rate) + privates * 15)


def lesson_roster(lesson):
    rows = []
    for e in EnrollmentRepository().for_lesson(lesson.id):
        g = e.guest
        rows.append({'name': g.full_name, 'age': g.age_on(lesson.starts_at.date()),
                     'level': e.ability_level, 'phone': e.parent_phone or g.phone,
                     'waiver': has_valid_waiver(g, lesson.starts_at.date())})
    return rows
