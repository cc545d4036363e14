"""Staff, shifts and training lookups (lumped together when the HR module was merged)."""
from datetime import date

from gh.extensions import db
from gh.models.staff import Staff, Shift, ShiftAssignment, LeaveRequest, Timesheet
from gh.models.training import Certification, Course, Enrollment
from gh.repositories.base import BaseRepository


class StaffRepository(BaseRepository):
    model = Staff

    def active_in_team(self, team):
        return Staff.query.filter_by(team=team, active=True, deleted=False).order_by(Staff.last_name).all()

    def by_employee_no(self, employee_no):
        return Staff.query.filter_by(employee_no=employee_no).first()


class ShiftRepository(BaseRepository):
    model = Shift

    def shifts_between(self, start, end, team=None):
        q = Shift.query.filter(Shift.starts_at >= start, Shift.starts_at < end)
        if team:
            q = q.filter_by(team=team)
        return q.order_by(Shift.starts_at).all()

    def assignments_for_staff(self, staff_id, start, end):
        return ShiftAssignment.query.join(Shift).filter(
            ShiftAssignment.staff_id == staff_id,
            Shift.starts_at >= start, Shift.starts_at < end).all()


def staff_on_leave(day):
    return [lr.staff_id for lr in LeaveRequest.query.filter(
        LeaveRequest.status == "APPROVED",
        LeaveRequest.start_date <= day, LeaveRequest.end_date >= day).all()]


def unapproved_timesheets(staff_id=None):
    q = Timesheet.query.filter_by(approved=False)
    if staff_id:
        q = q.filter_by(staff_id=staff_id)
    return q.all()


def valid_certifications(staff_id, on=None):
    on = on or date.today()
    return Certification.query.filter(
        Certification.staff_id == staff_id,
        Certification.revoked.is_(False),
        db.or_(Certification.expires_on.is_(None), Certification.expires_on >= on)).all()


def course_by_code(code):
    return Course.query.filter_by(code=code).first()


def enrollments_for_session(session_id):
    return Enrollment.query.filter_by(session_id=session_id).all()
