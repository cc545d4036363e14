from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import select
from sqlalchemy.orm import Session

from carehub.models.staff import Staff, TrainingCourse, TrainingRecord


def record_completion(db: Session, staff_id, course_id, completed_on, provider=None):
    course = db.get(TrainingCourse, course_id)
    rec = TrainingRecord(staff_id=staff_id, course_id=course_id, completed_on=completed_on,
                         provider=provider, status="completed",
                         expires_on=completed_on + relativedelta(months=course.validity_months)
                         if course.validity_months else None)
    db.add(rec)
    if course.required_for_medication:
        staff = db.get(Staff, staff_id)
        staff.med_competency_date = completed_on
    db.commit()
    return rec


def mandatory_gaps(db: Session, staff_id):
    courses = db.execute(select(TrainingCourse).where(TrainingCourse.mandatory == True)).scalars().all()  # noqa
    today = date.today()
    valid = {r.course_id for r in db.query(TrainingRecord).filter(
        TrainingRecord.staff_id == staff_id, TrainingRecord.status == "completed",
        (TrainingRecord.expires_on == None) | (TrainingRecord.expires_on >= today))}  # noqa
    return [c for c in courses if c.id not in valid]


def expiring_training(db: Session, within_days=30):
    cutoff = date.today() + timedelta(days=within_days)
    return (db.query(TrainingRecord).join(Staff, Staff.id == TrainingRecord.staff_id)
            .filter(Staff.status == "active", TrainingRecord.expires_on <= cutoff,
                    TrainingRecord.expires_on >= date.today())
            .all())


def medication_competent(db: Session, staff_id):
    staff = db.get(Staff, staff_id)
    if not staff.med_competency_date:
        return False
    return staff.med_competency_date >= date.today() - timedelta(days=365)


