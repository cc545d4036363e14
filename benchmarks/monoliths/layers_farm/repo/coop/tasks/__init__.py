"""Background jobs (celery beat).  Schedules live here so ops can see them in one place."""
import logging

from celery.schedules import crontab

from coop.extensions import celery

log = logging.getLogger(__name__)

BEAT_SCHEDULE = {
    "expire-stale-tickets": {"task": "coop.tasks.nightly.expire_stale_tickets",
                             "schedule": crontab(hour=2, minute=5)},
    "reconcile-bins": {"task": "coop.tasks.nightly.reconcile_bin_levels",
                       "schedule": crontab(hour=2, minute=30)},
    "overdue-bookings": {"task": "coop.tasks.nightly.chase_overdue_bookings",
                         "schedule": crontab(minute=0)},
    "lapse-members": {"task": "coop.tasks.nightly.lapse_inactive_members",
                      "schedule": crontab(hour=3, minute=0, day_of_month=1)},
    "soil-reminders": {"task": "coop.tasks.nightly.remind_soil_tests",
                       "schedule": crontab(hour=7, minute=0, day_of_week=1, month_of_year="3,4,9,10")},
    "roll-season": {"task": "coop.tasks.nightly.roll_season",
                    "schedule": crontab(hour=0, minute=10, day_of_month=1, month_of_year=8)},
    "contract-positions": {"task": "coop.tasks.nightly.flag_contract_shortfalls",
                           "schedule": crontab(hour=6, minute=15)},
    "weekly-rental-billing": {"task": "coop.tasks.settlement_jobs.bill_returned_rentals",
                              "schedule": crontab(hour=4, minute=0, day_of_week=0)},
    "accrue-advance-interest": {"task": "coop.tasks.settlement_jobs.accrue_advance_interest",
                                "schedule": crontab(hour=1, minute=0)},
    "import-weighbridge": {"task": "coop.tasks.imports.import_weighbridge_exports",
                           "schedule": crontab(minute="*/15")},
    "import-lab": {"task": "coop.tasks.imports.import_lab_results",
                   "schedule": crontab(hour="*/2", minute=20)},
    "import-prices": {"task": "coop.tasks.imports.import_buyer_price_feed",
                      "schedule": crontab(hour="7-17", minute=5, day_of_week="1-5")},
}


def register_periodic_tasks():
    celery.conf.beat_schedule = BEAT_SCHEDULE
    log.info("registered %d periodic tasks", len(BEAT_SCHEDULE))


def run_inline(task, *args, **kwargs):
    """Call a task synchronously (used from manage.py and in dev)."""
    return task.apply(args=args, kwargs=kwargs).get()
