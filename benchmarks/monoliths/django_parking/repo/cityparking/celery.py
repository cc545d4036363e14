import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cityparking.settings")

app = Celery("cityparking")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The whole cron lives here since we moved off the crontab on web01.
app.conf.beat_schedule = {
    "expire-sessions": {
        "task": "main.tasks.expire_sessions",
        "schedule": 60.0,
    },
    "session-reminders": {
        "task": "main.tasks.send_session_expiry_reminders",
        "schedule": 120.0,
    },
    "occupancy-snapshot": {
        "task": "main.tasks.snapshot_occupancy",
        "schedule": crontab(minute="*/15"),
    },
    "purge-sensor-readings": {
        "task": "main.tasks.purge_old_sensor_readings",
        "schedule": crontab(hour=3, minute=10),
    },
    "permit-reminders": {
        "task": "main.tasks.permit_renewal_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    "expire-permits": {
        "task": "main.tasks.expire_permits",
        "schedule": crontab(hour=0, minute=5),
    },
    "escalate-pcns": {
        "task": "main.tasks.escalate_unpaid_pcns",
        "schedule": crontab(hour=2, minute=0),
    },
    "settlement-batch": {
        "task": "backoffice.tasks.build_settlement_batch",
        "schedule": crontab(hour=1, minute=30),
    },
    "gateway-reconcile": {
        "task": "backoffice.tasks.reconcile_gateway_payments",
        "schedule": crontab(hour=6, minute=0),
    },
    "workorder-sla": {
        "task": "backoffice.tasks.workorder_sla_check",
        "schedule": crontab(minute=0),
    },
    "machine-alarms": {
        "task": "backoffice.tasks.poll_machine_alarms",
        "schedule": 300.0,
    },
    "waiting-list": {
        "task": "backoffice.tasks.process_waiting_list",
        "schedule": crontab(hour=7, minute=30),
    },
    "tariff-changes": {
        "task": "backoffice.tasks.apply_scheduled_tariff_changes",
        "schedule": crontab(hour=0, minute=1),
    },
    "finance-pack": {
        "task": "backoffice.tasks.email_finance_pack",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon-fri"),
    },
    "enforcement-pack": {
        "task": "backoffice.tasks.email_enforcement_pack",
        "schedule": crontab(hour=7, minute=15, day_of_week="mon"),
    },
}


@app.task(bind=True)
def debug_task(self):
    print("Request: {0!r}".format(self.request))
