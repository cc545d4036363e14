"""Scheduled jobs (APScheduler, started by `python -m hrapp.tasks`)."""
import logging

from apscheduler.schedulers.blocking import BlockingScheduler

from hrapp.common.dates import today
from hrapp.common.db import session_scope
from hrapp.config import get_settings
from hrapp.services import payroll_service, time_service

log = logging.getLogger(__name__)


def monthly_payroll_job():
    day = today()
    if day.day != get_settings().payroll_cutoff_day - 3:
        return
    with session_scope() as session:
        run = payroll_service.create_run(session, day.year, day.month)
        payroll_service.calculate_run(session, run.id)
        log.info("payroll run %s calculated", run.id)


def year_end_leave_job():
    day = today()
    if (day.month, day.day) != (12, 31):
        return
    with session_scope() as session:
        time_service.accrue_leave_for_year(session, day.year + 1)


def build_scheduler():
    scheduler = BlockingScheduler(timezone="Europe/Amsterdam")
    scheduler.add_job(monthly_payroll_job, "cron", hour=2)
    scheduler.add_job(year_end_leave_job, "cron", hour=23)
    return scheduler


if __name__ == "__main__":
    build_scheduler().start()
