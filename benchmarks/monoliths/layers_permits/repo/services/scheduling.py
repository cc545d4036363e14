"""Who inspects where and when: capacity, leave, certifications, weekly roster."""
import datetime as dt

import config
from errors import BusinessRuleViolation
from models.core import Inspection
from models.staff import LeaveRequest, Shift
from repositories.inspection_repo import InspectionRepository
from repositories.staff_repo import ShiftRepository, StaffRepository, approved_leave_on


def is_on_leave(session, staff, day):
    return any(leave.staff_id == staff.id for leave in approved_leave_on(session, day))


def capacity_for(session, staff, day):
    limit = staff.max_daily_inspections or config.get("INSPECTION_SLOTS_PER_DAY")
    return limit - InspectionRepository(session).booked_count(staff.id, day)


def has_capacity(session, staff, day):
    return not is_on_leave(session, staff, day) and capacity_for(session, staff, day) > 0


def pick_inspector(session, district_id, day, required_cert=None):
    shifts = ShiftRepository(session).field_shifts_on(day, district_id)
    candidates = [s.staff for s in shifts]
    if not candidates:
        # nobody rostered in the district: fall back to any field shift that day
        candidates = [s.staff for s in ShiftRepository(session).field_shifts_on(day)]
    if required_cert:
        certified = {s.id for s in StaffRepository(session).certified(required_cert, day)}
        candidates = [c for c in candidates if c.id in certified]
    candidates = [c for c in candidates if has_capacity(session, c, day)]
    if not candidates:
        return None
    return max(candidates, key=lambda c: capacity_for(session, c, day))


def build_roster(session, week_start, default_start=dt.time(7, 30), default_end=dt.time(16, 0)):
    """Rolls last week's field assignments forward, skipping people on leave."""
    if week_start.weekday() != 0:
        raise BusinessRuleViolation("roster weeks start on Monday")
    repo = ShiftRepository(session)
    previous = repo.week(week_start - dt.timedelta(days=7), week_start - dt.timedelta(days=1))
    existing = {(s.staff_id, s.work_date) for s in repo.week(week_start, week_start + dt.timedelta(days=6))}
    created = []
    for old in previous:
        day = old.work_date + dt.timedelta(days=7)
        if (old.staff_id, day) in existing or is_on_leave(session, old.staff, day):
            continue
        shift = Shift(staff_id=old.staff_id, work_date=day, district_id=old.district_id, kind=old.kind,
                      starts_at=old.starts_at or default_start, ends_at=old.ends_at or default_end)
        session.add(shift)
        created.append(shift)
    session.flush()
    return created


def request_leave(session, staff, first_day, last_day, kind="vacation", source="app"):
    if last_day < first_day:
        raise BusinessRuleViolation("leave ends before it starts")
    leave = LeaveRequest(staff_id=staff.id, first_day=first_day, last_day=last_day, kind=kind, source=source,
                         status="approved" if source == "hr_sync" else "requested")
    session.add(leave)
    session.flush()
    return leave


def approve_leave(session, leave, supervisor):
    if not supervisor.has_role("supervisor"):
        raise BusinessRuleViolation("only supervisors approve leave")
    leave.status = "approved"
    leave.approved_by_id = supervisor.id
    session.flush()
    return rebalance_leave(session, leave)


def rebalance_leave(session, leave):
    """Move already-booked inspections of someone going on leave."""
    moved = []
    day = leave.first_day
    while day <= leave.last_day:
        booked = (session.query(Inspection)
                  .filter(Inspection.inspector_id == leave.staff_id, Inspection.scheduled_for == day,
                          Inspection.status == "scheduled").all())
        for inspection in booked:
            other = pick_inspector(session, inspection.permit.application.parcel.district_id, day,
                                   inspection.inspection_type.required_certification)
            if other is not None:
                inspection.inspector_id = other.id
                inspection.route_order = None
                moved.append(inspection)
        day += dt.timedelta(days=1)
    session.flush()
    return moved
