from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from carehub.crud.base import CRUDBase
from carehub.models.staff import DbsCheck, Staff, TrainingRecord, User

staff_crud = CRUDBase(Staff)


def get_user_by_email(db: Session, email):
    return db.query(User).filter(User.email == email.lower().strip()).first()


def active_carers(db: Session, area=None):
    stmt = select(Staff).where(Staff.status == "active", Staff.is_deleted.is_(False),
                               Staff.job_title.in_(["Care Worker", "Senior Care Worker"]))
    if area:
        stmt = stmt.where(Staff.area == area)
    return db.execute(stmt).scalars().all()


def latest_dbs(db: Session, staff_id):
    return (db.query(DbsCheck).filter(DbsCheck.staff_id == staff_id)
            .order_by(DbsCheck.issued_on.desc()).first())


def create_user(db: Session, email, full_name, role, hashed_password=None):
    u = User(email=email.lower(), full_name=full_name, role=role, hashed_password=hashed_password)
    db.add(u)
    db.flush()
    return u
