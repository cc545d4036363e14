from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from carehub.models.care import (CarePlan, CarePlanReview, CarePlanTask, MarEntry,
                                 Medication, MedicationSchedule)


def get_active_plan(db: Session, client_id):
    stmt = (select(CarePlan).options(selectinload(CarePlan.tasks))
            .where(CarePlan.client_id == client_id, CarePlan.status == "active")
            .order_by(CarePlan.version.desc()))
    return db.execute(stmt).scalars().first()


def create_plan(db: Session, client_id, user_id, data):
    tasks = data.pop("tasks", [])
    last = db.query(CarePlan).filter(CarePlan.client_id == client_id).order_by(CarePlan.version.desc()).first()
    plan = CarePlan(client_id=client_id, created_by_id=user_id,
                    version=(last.version + 1) if last else 1, **data)
    db.add(plan)
    db.flush()
    for t in tasks:
        db.add(CarePlanTask(care_plan_id=plan.id, **t))
    return plan


def due_reviews(db: Session, before=None):
    before = before or date.today()
    return (db.query(CarePlanReview)
            .filter(CarePlanReview.completed_on.is_(None), CarePlanReview.due_date <= before)
            .all())


# eMAR -- medication lives here because it hangs off the care plan in the UI
def client_medications(db: Session, client_id, include_stopped=False):
    q = db.query(Medication).filter(Medication.client_id == client_id)
    if not include_stopped:
        q = q.filter((Medication.stop_date.is_(None)) | (Medication.stop_date >= date.today()))
    return q.order_by(Medication.name).all()


def schedules_for_slot(db: Session, client_id, call_slot):
    stmt = (select(MedicationSchedule).join(Medication)
            .where(Medication.client_id == client_id, MedicationSchedule.call_slot == call_slot,
                   Medication.stop_date.is_(None)))
    return db.execute(stmt).scalars().all()


def insert_mar_entry(db: Session, **kwargs):
    entry = MarEntry(**kwargs)
    db.add(entry)
    db.flush()
    return entry
