import logging

from apscheduler.schedulers.background import BackgroundScheduler

log = logging.getLogger(__name__)
_scheduler = None


def with_app_context(app, fn):
    def run():
        with app.app_context():
            try:
                fn()
            except Exception:
                log.exception("job %s failed", fn.__name__)
                from gh.extensions import db
                db.session.rollback()
    run.__name__ = fn.__name__
    return run


def init_scheduler(app):
    global _scheduler
    if _scheduler is not None:
        return _scheduler
    from gh.jobs import nightly, feeds
    s = BackgroundScheduler(timezone=app.config.get("LOCAL_TZ", "UTC"))
    s.add_job(with_app_context(app, feeds.poll_aodb_feed), "interval", minutes=2)
    s.add_job(with_app_context(app, feeds.sync_fuel_prices), "cron", hour=6)
    s.add_job(with_app_context(app, nightly.close_stale_turnarounds), "cron", hour=2)
    s.add_job(with_app_context(app, nightly.flag_overdue_maintenance), "cron", hour=2, minute=15)
    s.add_job(with_app_context(app, nightly.warn_expiring_certifications), "cron", hour=3)
    s.add_job(with_app_context(app, nightly.mark_overdue_invoices), "cron", hour=3, minute=30)
    s.add_job(with_app_context(app, nightly.monthly_invoice_run), "cron", day=1, hour=4)
    s.add_job(with_app_context(app, nightly.auto_close_delivered_incidents), "cron", hour=4, minute=30)
    s.add_job(with_app_context(app, nightly.purge_expired_tokens), "cron", hour=5)
    s.start()
    _scheduler = s
    return s
