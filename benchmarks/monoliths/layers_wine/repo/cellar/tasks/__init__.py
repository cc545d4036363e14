from celery.schedules import crontab

from cellar.extensions import celery

celery.conf.beat_schedule = {
    "expire-reservations": {"task": "cellar.tasks.scheduled.expire_stale_reservations", "schedule": crontab(minute="*/30")},
    "plan-routes": {"task": "cellar.tasks.scheduled.plan_tomorrows_routes", "schedule": crontab(hour=15, minute=0)},
    "reminders": {"task": "cellar.tasks.scheduled.send_overdue_reminders", "schedule": crontab(hour=7, minute=30)},
    "licences": {"task": "cellar.tasks.scheduled.licence_expiry_check", "schedule": crontab(hour=6, minute=0, day_of_week=1)},
    "low-stock": {"task": "cellar.tasks.scheduled.low_stock_alert", "schedule": crontab(hour=6, minute=15)},
    "excise": {"task": "cellar.tasks.scheduled.monthly_excise_return", "schedule": crontab(day_of_month=2, hour=5)},
    "sage": {"task": "cellar.tasks.exports.export_invoices_to_sage", "schedule": crontab(hour=23, minute=0)},
    "eta": {"task": "cellar.tasks.scheduled.chase_shipment_etas", "schedule": crontab(hour=9, minute=0)},
}
