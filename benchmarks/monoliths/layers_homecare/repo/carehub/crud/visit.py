from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from carehub.crud.base import CRUDBase
from carehub.models.staff import CarerAvailability
from carehub.models.visit import CareRun, TravelLeg, Visit

visit_crud = CRUDBase(Visit)


def visits_for_day(db: Session, day, area=None, status=None):
    start = datetime.combine(day, datetime.min.time())
    q = db.query(Visit).filter(Visit.planned_start >= start, Visit.planned_start < start + timedelta(days=1))
    if status:
        q = q.filter(Visit.status == status)
    if area:
        from carehub.models.client import Client
        q = q.join(Client, Client.id == Visit.client_id).filter(Client.area == area)
    return q.order_by(Visit.planned_start).all()


def visits_for_carer(db: Session, staff_id, start, end):
    stmt = (select(Visit)
            .where(or_(Visit.staff_id == staff_id, Visit.second_staff_id == staff_id),
                   Visit.planned_start >= start, Visit.planned_start < end)
            .order_by(Visit.planned_start))
    return db.execute(stmt).scalars().all()


def future_visits_for_client(db: Session, client_id, from_dt=None):
    from_dt = from_dt or datetime.utcnow()
    return (db.query(Visit)
            .filter(Visit.client_id == client_id, Visit.planned_start >= from_dt,
                    Visit.status.in_(["planned", "assigned"]))
            .all())


def bulk_insert_visits(db: Session, rows):
    objs = [Visit(**r) for r in rows]
    db.add_all(objs)
    db.flush()
    return objs


def delete_unassigned_visits(db: Session, client_id, from_dt):
    for v in db.query(Visit).filter(Visit.client_id == client_id, Visit.planned_start >= from_dt,
                                    Visit.status == "planned", Visit.staff_id.is_(None)):
        db.delete(v)


def availability_for(db: Session, staff_id):
    return db.query(CarerAvailability).filter(CarerAvailability.staff_id == staff_id).all()


def get_or_create_run(db: Session, run_date, staff_id, shift):
    run = (db.query(CareRun)
           .filter(CareRun.run_date == run_date, CareRun.staff_id == staff_id, CareRun.shift == shift)
           .first())
    if not run:
        run = CareRun(run_date=run_date, staff_id=staff_id, shift=shift,
                      name="%s-%s" % (shift, run_date.isoformat()))
        db.add(run)
        db.flush()
    return run


def travel_legs_between(db: Session, staff_id, start, end):
    return (db.query(TravelLeg)
            .filter(TravelLeg.staff_id == staff_id, TravelLeg.leg_date >= start, TravelLeg.leg_date <= end)
            .all())
