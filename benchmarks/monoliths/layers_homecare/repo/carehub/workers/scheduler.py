"""Background jobs. Run with:  python -m carehub.workers.scheduler"""
import functools
import logging
from datetime import date, datetime, timedelta

from apscheduler.schedulers.blocking import BlockingScheduler

from carehub.core.database import session_scope
from carehub.models.staff import Staff
from carehub.utils.dates import week_start

log = logging.getLogger("carehub.jobs")


def logged_job(fn):
    @functools.wraps(fn)
    def wrapper(*a, **kw):
        started = datetime.utcnow()
        log.info("job %s starting", fn.__name__)
        try:
            return fn(*a, **kw)
        except Exception:
            log.exception("job %s failed", fn.__name__)
        finally:
            log.info("job %s finished in %ss", fn.__name__, (datetime.utcnow() - started).seconds)
    return wrapper


@logged_job
def job_generate_visits():
    from carehub.services.scheduling_service import generate_visits_for_week
    next_monday = week_start(date.today()) + timedelta(days=7)
    with session_scope() as db:
        generate_visits_for_week(db, next_monday)
        # two weeks ahead for the rota team
        generate_visits_for_week(db, next_monday + timedelta(days=7))


@logged_job
def job_call_monitoring():
    from carehub.services.call_monitoring import flag_late_visits, mark_missed_visits
    with session_scope() as db:
        flag_late_visits(db)
        mark_missed_visits(db)


@logged_job
def job_build_timesheets():
    from carehub.services.timesheet_service import build_timesheet, mileage_from_travel
    last_monday = week_start(date.today()) - timedelta(days=7)
    with session_scope() as db:
        for s in db.query(Staff).filter(Staff.status.in_(["active", "suspended"])):
            build_timesheet(db, s.id, last_monday)
            mileage_from_travel(db, s.id, last_monday)


@logged_job
def job_invoicing():
    from carehub.services.invoicing_service import run_council_invoicing, run_private_invoicing
    today = date.today()
    # 4-weekly council cycle anchored on 5 Apr 2021
    anchor = date(2021, 4, 5)
    if (today - anchor).days % 28 == 0:
        with session_scope() as db:
            run_council_invoicing(db, today - timedelta(days=28), today - timedelta(days=1))
    if today.day == 1:
        last_month_end = today - timedelta(days=1)
        with session_scope() as db:
            run_private_invoicing(db, last_month_end.replace(day=1), last_month_end)


@logged_job
def job_compliance_sweep():
    from carehub.services.compliance_service import dbs_due_for_recheck, suspend_noncompliant
    from carehub.services.notification_service import notify_office
    with session_scope() as db:
        suspend_noncompliant(db)
        due = dbs_due_for_recheck(db)
        if due:
            notify_office("%d DBS certificates due for renewal" % len(due),
                          "\n".join("staff %s cert %s issued %s" % (d.staff_id, d.certificate_number, d.issued_on)
                                    for d in due))


@logged_job
def job_missed_doses():
    from carehub.services.mar_service import missed_doses
    from carehub.services.notification_service import notify_office
    with session_scope() as db:
        missing = missed_doses(db, date.today() - timedelta(days=1))
        if missing:
            notify_office("%d medication doses not recorded yesterday" % len(missing),
                          "\n".join("visit %s: %s" % (v.id, s.medication.name) for v, s in missing))


def register_jobs(sched):
    sched.add_job(job_generate_visits, "cron", day_of_week="wed", hour=2)
    sched.add_job(job_call_monitoring, "interval", minutes=5)
    sched.add_job(job_build_timesheets, "cron", day_of_week="mon", hour=3)
    sched.add_job(job_invoicing, "cron", hour=4)
    sched.add_job(job_compliance_sweep, "cron", hour=1)
    sched.add_job(job_missed_doses, "cron", hour=6, minute=30)
    from carehub.workers import reminders
    reminders.register(sched)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    _sched = BlockingScheduler(timezone="Europe/London")
    register_jobs(_sched)
    _sched.start()
