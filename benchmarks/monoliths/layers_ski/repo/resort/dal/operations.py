"""Mountain side: lifts, maintenance, trails, snow. Also the instructor
roster lives here because it was written by the same team (ops scheduling)."""
import datetime

from sqlalchemy import and_, func

from ..models import DBSession
from ..models.mountain import (GroomingLog, Lift, LiftStatusLog, MaintenanceOrder,
                               SnowReport, Trail)
from ..models.school import Instructor, InstructorShift, Lesson
from .base import BaseRepository


class LiftRepository(BaseRepository):
    model = Lift

    def by_name(self, name):
        return self.query().filter(func.lower(Lift.name) == name.lower()).first()

    def open_lifts(self):
        return self.query().filter(Lift.status == 'open').order_by(Lift.name).all()

    def all_by_sector(self):
        out = {}
        for lift in self.query().order_by(Lift.sector, Lift.name):
            out.setdefault(lift.sector or 'Other', []).append(lift)
        return out

    def status_history(self, lift_id, since):
        return DBSession.query(LiftStatusLog).filter(
            LiftStatusLog.lift_id == lift_id,
            LiftStatusLog.changed_at >= since).order_by(LiftStatusLog.changed_at).all()


def open_maintenance_orders(lift_id=None):
    q = DBSession.query(MaintenanceOrder).filter(
        MaintenanceOrder.status.in_(('open', 'in_progress', 'waiting_parts')))
    if lift_id:
        q = q.filter(MaintenanceOrder.lift_id == lift_id)
    return q.order_by(MaintenanceOrder.priority, MaintenanceOrder.opened_at).all()


def trails_groomed_since(since):
    return DBSession.query(Trail).join(GroomingLog) \
        .filter(GroomingLog.groomed_at >= since).distinct().order_by(Trail.name).all()


def latest_snow_report(published_only=True):
    q = DBSession.query(SnowReport)
    if published_only:
        q = q.filter(SnowReport.published == True)  # noqa
    return q.order_by(SnowReport.report_date.desc()).first()


def shifts_for_day(day):
    return DBSession.query(InstructorShift).filter(InstructorShift.shift_date == day) \
        .order_by(InstructorShift.start_time).all()


def instructors_available(starts_at, discipline, min_level=1):
    """Instructors on a teaching shift that day with no overlapping lesson."""
    day = starts_at.date()
    busy = DBSession.query(Lesson.instructor_id).filter(
        Lesson.starts_at == starts_at, Lesson.status != 'cancelled',
        Lesson.instructor_id != None)  # noqa
    return DBSession.query(Instructor).join(InstructorShift).filter(
        InstructorShift.shift_date == day,
        InstructorShift.role == 'teaching',
        Instructor.active == True,  # noqa
        Instructor.level >= min_level,
        Instructor.discipline.in_((discipline, 'both')),
        ~Instructor.id.in_(busy)).all()
