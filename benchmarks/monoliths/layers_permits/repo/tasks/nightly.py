import logging

from models.base import session_scope
from repositories.permit_repo import PermitApplicationRepository
from services import contractor_service, enforcement_service, fee_calculator, inspection_service, permit_service
from tasks import task
from utils.dates import today

log = logging.getLogger(__name__)


@task("expire-permits")
def expire_permits_job():
    with session_scope() as session:
        expired = permit_service.expire_permits(session, today())
        log.info("%d permits expired", len(expired))


@task("expire-licenses")
def expire_licenses_job():
    with session_scope() as session:
        lapsed = contractor_service.expire_lapsed_licenses(session, today())
        log.info("%d licenses lapsed", len(lapsed))


@task("late-fees")
def late_fees_job():
    with session_scope() as session:
        for application in PermitApplicationRepository(session).search(status="approved"):
            amount = fee_calculator.late_fees_due(session, application, today())
            if amount:
                fee_calculator.assess_fee_by_code(session, application, "LATE", amount=amount)


@task("escalate-cases")
def escalate_cases_job():
    with session_scope() as session:
        cases = enforcement_service.escalate_overdue(session, today())
        log.info("%d enforcement cases escalated", len(cases))


@task("inspection-housekeeping")
def inspection_housekeeping_job():
    with session_scope() as session:
        inspection_service.expire_stale_requests(session, today())
        scheduled, failed = inspection_service.schedule_pending(session)
        for req, why in failed:
            log.warning("request %s not scheduled: %s", req.id, why)


@task("nightly")
def nightly():
    for job in (expire_permits_job, expire_licenses_job, late_fees_job, escalate_cases_job,
                inspection_housekeeping_job):
        try:
            job()
        except Exception:
            log.exception("%s failed", job.__name__)
