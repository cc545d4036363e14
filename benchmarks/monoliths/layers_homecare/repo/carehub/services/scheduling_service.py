import logging
from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from carehub.core.business_rules import requires_two_carers
from carehub.core.constants import MAX_CARER_HOURS_PER_WEEK, VisitStatus
from carehub.core.exceptions import NotFound, VisitConflict
from carehub.crud.care_plan import get_active_plan
from carehub.crud.client import client_crud, latest_assessment
from carehub.crud.staff import active_carers
from carehub.crud.visit import (availability_for, bulk_insert_visits, delete_unassigned_visits,
                                future_visits_for_client, get_or_create_run, visits_for_carer,
                                visits_for_day)
from carehub.models.staff import Staff
from carehub.models.visit import CareRun, TravelLeg, Visit
from carehub.utils.dates import daterange, week_start
from carehub.utils.geo import haversine_km

log = logging.getLogger(__name__)
AVG_SPEED_KMH = 30.0


def generate_visits_for_week(db: Session, monday, client_ids=None):
    """Roll the care plan tasks forward into concrete visits for the week."""
    clients = client_crud.active_clients(db)
    if client_ids:
        clients = [c for c in clients if c.id in client_ids]
    created = 0
    for client in clients:
        plan = get_active_plan(db, client.id)
        if not plan:
            continue
        created += _visits_from_plan(db, plan, monday, monday + timedelta(days=6))
    db.commit()
    log.info("generated %s visits for w/c %s", created, monday)
    return created


def _visits_from_plan(db, plan, start, end):
    existing = {(v.care_plan_task_id, v.planned_start.date())
                for v in future_visits_for_client(db, plan.client_id,
                                                  datetime.combine(start, datetime.min.time()))}
    rows = []
    for day in daterange(start, end):
        for task in plan.tasks:
            if not task.active or str(day.weekday()) not in task.days_of_week:
                continue
            if (task.id, day) in existing:
                continue
            rows.append({"client_id": plan.client_id, "care_plan_task_id": task.id,
                         "planned_start": datetime.combine(day, task.start_time),
                         "planned_minutes": task.duration_minutes,
                         "status": VisitStatus.PLANNED.value})
    bulk_insert_visits(db, rows)
    return len(rows)


def regenerate_visits_from_plan(db: Session, plan):
    tomorrow = date.today() + timedelta(days=1)
    delete_unassigned_visits(db, plan.client_id, datetime.combine(tomorrow, datetime.min.time()))
    return _visits_from_plan(db, plan, tomorrow, week_start(tomorrow) + timedelta(days=13))


def assign_carer(db: Session, visit_id, staff_id, second=False, force=False):
    from carehub.services.compliance_service import assert_can_work
    visit = db.get(Visit, visit_id)
    if not visit:
        raise NotFound("visit not found")
    staff = db.get(Staff, staff_id)
    assert_can_work(db, staff)
    clashes = detect_conflicts(db, staff_id, visit.planned_start, visit.planned_minutes, exclude=visit.id)
    if clashes and not force:
        raise VisitConflict("Carer already booked", visit_ids=[c.id for c in clashes])
    if second:
        visit.second_staff_id = staff_id
    else:
        visit.staff_id = staff_id
    assessment = latest_assessment(db, visit.client_id)
    if not requires_two_carers(assessment) or visit.second_staff_id:
        visit.status = VisitStatus.ASSIGNED.value
    hour = visit.planned_start.hour
    shift = "am" if hour < 11 else "lunch" if hour < 15 else "pm" if hour < 22 else "night"
    run = get_or_create_run(db, visit.planned_start.date(), staff_id, shift)
    if not second:
        visit.run_id = run.id
    db.commit()
    return visit


def detect_conflicts(db: Session, staff_id, start, minutes, exclude=None):
    end = start + timedelta(minutes=minutes)
    clashes = []
    for v in visits_for_carer(db, staff_id, start - timedelta(hours=3), end):
        if v.id == exclude or v.status in ("cancelled", "cancelled_chargeable"):
            continue
        v_end = v.planned_start + timedelta(minutes=v.planned_minutes)
        if v.planned_start < end and start < v_end:
            clashes.append(v)
    return clashes


def suggest_carers(db: Session, visit_id, limit=5):
    visit = db.get(Visit, visit_id)
    client = client_crud.get(db, visit.client_id)
    candidates = []
    for s in active_carers(db, area=client.area):
        if client.preferred_gender_carer and s.gender and s.gender != client.preferred_gender_carer:
            continue
        if detect_conflicts(db, s.id, visit.planned_start, visit.planned_minutes):
            continue
        if not _is_available(db, s.id, visit.planned_start):
            continue
        dist = 999.0
        if s.lat and client.lat:
            dist = haversine_km(s.lat, s.lng, client.lat, client.lng)
        candidates.append((dist, s))
    candidates.sort(key=lambda x: x[0])
    return [s for _, s in candidates[:limit]]


def _is_available(db, staff_id, when):
    slots = availability_for(db, staff_id)
    for a in slots:
        if a.unavailable_date and a.unavailable_date == when.date():
            return False
    weekly = [a for a in slots if a.day_of_week is not None]
    if not weekly:
        return True  # no pattern recorded = available any time (zero hours)
    return any(a.day_of_week == when.weekday() and a.from_time <= when.time() <= a.to_time
               for a in weekly)


def cancel_future_visits(db: Session, client_id, from_dt, reason, chargeable=False):
    n = 0
    for v in future_visits_for_client(db, client_id, from_dt):
        v.status = VisitStatus.CANCELLED_CHARGEABLE.value if chargeable else VisitStatus.CANCELLED.value
        v.cancel_reason = reason
        n += 1
    return n


def suspend_visits(db: Session, client_id, from_date):
    # hospital admissions - first 24h chargeable per most council contracts
    start = datetime.combine(from_date, datetime.min.time())
    cancel_future_visits(db, client_id, start, "hospital admission", chargeable=True)
    for v in future_visits_for_client(db, client_id, start):
        pass
    later = future_visits_for_client(db, client_id, start + timedelta(days=1))
    for v in later:
        v.status = VisitStatus.CANCELLED.value


def unassign_carer_visits(db: Session, staff_id, from_dt=None):
    from_dt = from_dt or datetime.utcnow()
    visits = visits_for_carer(db, staff_id, from_dt, from_dt + timedelta(days=60))
    for v in visits:
        if v.staff_id == staff_id:
            v.staff_id = None
            v.run_id = None
        if v.second_staff_id == staff_id:
            v.second_staff_id = None
        if v.status == VisitStatus.ASSIGNED.value:
            v.status = VisitStatus.PLANNED.value
    return len(visits)


def publish_runs(db: Session, run_date):
    runs = db.execute(select(CareRun).where(CareRun.run_date == run_date)).scalars().all()
    for r in runs:
        r.published = True
    calculate_travel_legs(db, run_date)
    db.commit()
    return runs


def calculate_travel_legs(db: Session, run_date):
    from carehub.models.client import Client
    by_carer = defaultdict(list)
    for v in visits_for_day(db, run_date):
        if v.staff_id and v.status not in ("cancelled",):
            by_carer[v.staff_id].append(v)
    db.query(TravelLeg).filter(TravelLeg.leg_date == run_date).delete()
    for staff_id, visits in by_carer.items():
        visits.sort(key=lambda v: v.planned_start)
        for a, b in zip(visits, visits[1:]):
            ca, cb = db.get(Client, a.client_id), db.get(Client, b.client_id)
            if not (ca.lat and cb.lat):
                continue
            km = haversine_km(ca.lat, ca.lng, cb.lat, cb.lng) * 1.3  # road factor
            db.add(TravelLeg(staff_id=staff_id, from_visit_id=a.id, to_visit_id=b.id,
                             leg_date=run_date, distance_km=round(km, 2),
                             minutes=int(km / AVG_SPEED_KMH * 60) + 2))


def legacy_autoassign(db: Session, day):
    # old greedy allocator from 2021 - replaced by suggest_carers + manual rota. kept for the
    # "auto fill" button that one branch still uses
    for v in visits_for_day(db, day, status="planned"):
        for s in active_carers(db):
            monday = datetime.combine(week_start(day), datetime.min.time())
            booked = visits_for_carer(db, s.id, monday, monday + timedelta(days=7))
            if sum(b.planned_minutes for b in booked) / 60.0 > MAX_CARER_HOURS_PER_WEEK:
                continue
            if not detect_conflicts(db, s.id, v.planned_start, v.planned_minutes):
                v.staff_id = s.id
                v.status = "assigned"
                break
    db.commit()
