from datetime import date, timedelta

from sqlalchemy.orm import Session

from carehub.core.exceptions import ComplianceBlock
from carehub.core.security import generate_reset_token
from carehub.crud.staff import create_user, latest_dbs, staff_crud
from carehub.models.staff import DbsCheck, Staff
from carehub.services.notification_service import notify_office, send_email

DBS_RECHECK_YEARS = 3
SUPERVISION_INTERVAL_DAYS = 90


def compliance_status(db: Session, staff):
    problems = []
    dbs = latest_dbs(db, staff.id)
    if not dbs or dbs.outcome not in ("clear",) and not dbs.risk_assessed:
        problems.append("dbs_missing")
    elif not dbs.update_service and dbs.issued_on < date.today() - timedelta(days=365 * DBS_RECHECK_YEARS):
        problems.append("dbs_expired")
    if staff.right_to_work_expiry and staff.right_to_work_expiry < date.today():
        problems.append("right_to_work_expired")
    if not staff.right_to_work_checked:
        problems.append("right_to_work_missing")
    from carehub.services.training_service import mandatory_gaps
    for course in mandatory_gaps(db, staff.id):
        problems.append("training:%s" % course.code)
    return problems


def assert_can_work(db: Session, staff):
    if staff is None or staff.status != "active":
        raise ComplianceBlock("Carer is not active")
    problems = [p for p in compliance_status(db, staff) if not p.startswith("training:")]
    if problems:
        raise ComplianceBlock("Carer cannot be rostered", problems=problems)


def dbs_due_for_recheck(db: Session, within_days=30):
    cutoff = date.today() - timedelta(days=365 * DBS_RECHECK_YEARS - within_days)
    return (db.query(DbsCheck).join(Staff, Staff.id == DbsCheck.staff_id)
            .filter(Staff.status == "active", DbsCheck.update_service == False,  # noqa
                    DbsCheck.issued_on <= cutoff).all())


def suspend_noncompliant(db: Session):
    from carehub.services.scheduling_service import unassign_carer_visits
    suspended = []
    for s in db.query(Staff).filter(Staff.status == "active"):
        problems = [p for p in compliance_status(db, s) if not p.startswith("training:")]
        if problems:
            s.status = "suspended"
            unassign_carer_visits(db, s.id)
            suspended.append((s, problems))
    db.commit()
    if suspended:
        notify_office("Carers suspended (compliance)",
                      "\n".join("%s: %s" % (s.full_name, ", ".join(p)) for s, p in suspended))
    return suspended


def onboard_staff(db: Session, data):
    user = create_user(db, data["email"], "%s %s" % (data["first_name"], data["last_name"]), "carer")
    user.reset_token = generate_reset_token()
    payload = {k: v for k, v in data.items() if k != "email"}
    staff = staff_crud.create(db, dict(payload, user_id=user.id, status="onboarding"))
    db.commit()
    send_email(user.email, "Welcome to CareHub",
               "Set your password with this code: %s" % user.reset_token)
    return staff


