"""Poor man's scheduler. Called every 10 minutes by `manage.py run_cron` from crontab.

Each job declares the hour (and optionally weekday) it runs at.
"""
import datetime
import logging

from django.utils import timezone

from utils.db import advisory_lock
from utils.emails import notify_staff

log = logging.getLogger("cron")
JOBS = []


def job(hour, weekday=None, day=None):
    def register(func):
        JOBS.append({"func": func, "hour": hour, "weekday": weekday, "day": day})
        return func
    return register


def is_due(spec, now):
    if now.hour != spec["hour"] or now.minute >= 10:
        return False
    if spec["weekday"] is not None and now.weekday() != spec["weekday"]:
        return False
    if spec["day"] is not None and now.day != spec["day"]:
        return False
    return True


def run_due_jobs(now=None):
    now = now or timezone.localtime()
    for spec in JOBS:
        if not is_due(spec, now):
            continue
        name = spec["func"].__name__
        try:
            with advisory_lock(hash(name) & 0x7FFFFFFF):
                log.info("running %s", name)
                spec["func"]()
        except Exception:
            log.exception("cron job %s failed", name)
            notify_staff("Cron job failed: %s" % name, "See logs")


@job(hour=5)
def nightly_collections():
    from crm.recurring import run_collections
    run_collections()


@job(hour=6, weekday=0)
def weekly_giftaid_claim():
    from core.giftaid import build_claim
    end = timezone.localdate() - datetime.timedelta(days=1)
    build_claim(end - datetime.timedelta(days=6), end)


@job(hour=9)
def send_due_mailings():
    from crm.mailings import due_mailings, prepare_mailing, send_mailing
    for m in due_mailings():
        if not m.mailingrecipient_set.exists():
            prepare_mailing(m)
        send_mailing(m)


@job(hour=2)
def refresh_segments():
    from crm.models import Segment
    from crm.segments import refresh_segment
    for seg in Segment.objects.all():
        refresh_segment(seg)


@job(hour=8)
def shift_reminders():
    from ops.rota import send_shift_reminders
    send_shift_reminders()


@job(hour=1)
def close_events():
    from ops.bookings import close_past_events
    close_past_events()


@job(hour=7, day=1)
def grant_report_chasers():
    from ops.grants import overdue_reports
    from utils.emails import send_templated_email
    for r in overdue_reports().select_related("award__application__partner"):
        send_templated_email(r.award.application.partner.contact_email, "grant_report_chaser",
                             {"report": r})


@job(hour=7)
def low_stock_alert():
    from web.fulfilment import low_stock
    items = list(low_stock())
    if items:
        notify_staff("Shop low stock", "\n".join("%s %s: %s" % (v.product.sku, v.label, v.stock)
                                                 for v in items))


@job(hour=8, weekday=0)
def dpr_deadline_check():
    from utils.models import DataProtectionRequest
    soon = timezone.localdate() + datetime.timedelta(days=5)
    late = DataProtectionRequest.objects.filter(completed__isnull=True, due__lte=soon).count()
    if late:
        notify_staff("Data protection requests due", "%d requests due within 5 days" % late)
