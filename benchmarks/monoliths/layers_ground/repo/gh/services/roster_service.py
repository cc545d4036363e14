import logging
from datetime import datetime, timedelta

from flask import current_app

from gh.extensions import db
from gh.models.staff import Staff, Shift, ShiftAssignment, LeaveRequest, Timesheet
from gh.repositories.people import StaffRepository, ShiftRepository, staff_on_leave
from gh.services.audit import record_audit
from gh.services.notifications import send_email
from gh.services.training_service import has_valid_certification
from gh.utils.dates import daterange, overlaps
from gh.utils.validators import ValidationError

log = logging.getLogger(__name__)

SHIFT_PATTERNS = {
    "EARLY": (4, 12),
    "LATE": (12, 20),
    "NIGHT": (20, 28),
}

# team -> course everybody on shift must hold
TEAM_REQUIRED_COURSE = {"RAMP": "AIRSIDE_DL", "FUEL": "FUELLING", "BAGGAGE": None, "GSE_WORKSHOP": None}


def generate_roster(team, start_date, end_date, headcount=4):
    created = []
    for day in daterange(start_date, end_date):
        base = datetime.combine(day, datetime.min.time())
        for name, (h0, h1) in SHIFT_PATTERNS.items():
            s = Shift(team=team, starts_at=base + timedelta(hours=h0), ends_at=base + timedelta(hours=h1),
                      min_headcount=headcount)
            db.session.add(s)
            created.append(s)
    db.session.flush()
    _auto_fill(team, created)
    db.session.commit()
    return created


def _auto_fill(team, shifts):
    staff = StaffRepository().active_in_team(team)
    i = 0
    for s in shifts:
        away = set(staff_on_leave(s.starts_at.date()))
        filled = 0
        for _ in range(len(staff)):
            if filled >= s.min_headcount or not staff:
                break
            person = staff[i % len(staff)]
            i += 1
            if person.id in away:
                continue
            try:
                assign_staff_to_shift(s, person, commit=False)
                filled += 1
            except ValidationError:
                continue


def check_rest_rules(staff_id, shift):
    min_rest = timedelta(hours=current_app.config.get("MIN_REST_HOURS", 11))
    window_start = shift.starts_at - timedelta(days=1)
    for a in ShiftRepository().assignments_for_staff(staff_id, window_start, shift.ends_at + timedelta(days=1)):
        other = a.shift
        if other.id == shift.id:
            continue
        if overlaps(other.starts_at, other.ends_at, shift.starts_at, shift.ends_at):
            return False
        if abs(other.ends_at - shift.starts_at) < min_rest or abs(shift.ends_at - other.starts_at) < min_rest:
            return False
    return True


def assign_staff_to_shift(shift, staff, role=None, commit=True):
    if not check_rest_rules(staff.id, shift):
        raise ValidationError("rest rule violated for %s" % staff.employee_no)
    course = TEAM_REQUIRED_COURSE.get(shift.team)
    if course and not has_valid_certification(staff.id, course, shift.starts_at.date()):
        raise ValidationError("%s has no valid %s" % (staff.employee_no, course))
    a = ShiftAssignment(shift_id=shift.id, staff_id=staff.id, role=role)
    db.session.add(a)
    if commit:
        db.session.commit()
    return a


def publish_roster(team, start, end):
    shifts = ShiftRepository().shifts_between(start, end, team)
    notified = set()
    for s in shifts:
        s.published = True
        for a in s.assignments:
            notified.add(a.staff_id)
    db.session.commit()
    for sid in notified:
        st = Staff.query.get(sid)
        send_email(st.email, "Roster published", "Your %s roster from %s is online." % (team, start.date()))
    return len(shifts)


def swap_shift(assignment_id, new_staff_id):
    a = ShiftAssignment.query.get(assignment_id)
    other = Staff.query.get(new_staff_id)
    assign_staff_to_shift(a.shift, other, role=a.role, commit=False)
    a.status = "SWAPPED"
    record_audit("roster.swap", "shift", a.shift_id, from_staff=a.staff_id, to_staff=new_staff_id)
    db.session.commit()


def request_leave(staff_id, start_date, end_date, kind="ANNUAL"):
    if end_date < start_date:
        raise ValidationError("end before start")
    lr = LeaveRequest(staff_id=staff_id, start_date=start_date, end_date=end_date, kind=kind)
    db.session.add(lr)
    db.session.commit()
    return lr


def approve_leave(leave_id, approver_id, approve=True):
    lr = LeaveRequest.query.get(leave_id)
    lr.status = "APPROVED" if approve else "REJECTED"
    lr.approved_by = approver_id
    db.session.commit()
    st = Staff.query.get(lr.staff_id)
    send_email(st.email, "Leave request %s" % lr.status.lower(), "%s - %s" % (lr.start_date, lr.end_date))
    return lr


def clock_in(staff_id, when=None):
    ts = Timesheet(staff_id=staff_id, clock_in=when or datetime.utcnow())
    db.session.add(ts)
    db.session.commit()
    return ts


def clock_out(staff_id, when=None):
    ts = Timesheet.query.filter_by(staff_id=staff_id, clock_out=None).order_by(Timesheet.clock_in.desc()).first()
    if ts is None:
        raise ValidationError("not clocked in")
    ts.clock_out = when or datetime.utcnow()
    ts.overtime_minutes = compute_overtime(ts)
    db.session.commit()
    return ts


def compute_overtime(ts):
    worked = (ts.clock_out - ts.clock_in).total_seconds() / 60.0
    max_minutes = current_app.config.get("MAX_SHIFT_HOURS", 12) * 60
    if ts.shift_id:
        sh = Shift.query.get(ts.shift_id)
        planned = sh.hours() * 60
    else:
        planned = 8 * 60
    return int(max(0, min(worked, max_minutes) - planned))


def legacy_import_roster_xls(path):
    # TODO remove once Planday export is gone
    raise NotImplementedError("xls import disabled since 2022")
