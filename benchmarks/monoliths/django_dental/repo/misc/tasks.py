"""
Poor man's scheduler. Run every 10 minutes from cron:
    */10 * * * * cd /srv/dentalgroup && ./venv/bin/python manage.py run_cron
Each task decides whether it is due based on the TASKS table below.
"""
import datetime
import logging

from django.core.cache import cache
from django.utils import timezone

log = logging.getLogger('cron')

TASKS = {}


def register_task(name, every_minutes=None, at_hour=None):
    def deco(func):
        TASKS[name] = {'func': func, 'every': every_minutes, 'at_hour': at_hour}
        return func
    return deco


def _is_due(name, spec, now):
    last = cache.get('cron:last:%s' % name)
    if spec['at_hour'] is not None:
        if now.hour != spec['at_hour']:
            return False
        return last is None or last.date() != now.date()
    return last is None or (now - last) >= datetime.timedelta(minutes=spec['every'])


def run_due_tasks(only=None):
    now = timezone.localtime()
    results = {}
    for name, spec in TASKS.items():
        if only and name not in only:
            continue
        if not only and not _is_due(name, spec, now):
            continue
        try:
            results[name] = spec['func']()
        except Exception as e:
            log.exception('task %s failed', name)
            results[name] = 'ERROR %s' % e
        cache.set('cron:last:%s' % name, now, 60 * 60 * 48)
    return results


@register_task('appointment_reminders', every_minutes=30)
def task_appointment_reminders():
    from office.reminders import send_all_reminders, send_recall_letters
    n = send_all_reminders()
    if timezone.localtime().hour == 7:
        # recall letters once a day, piggy-backing on the reminder run
        n += send_recall_letters()
    return n


@register_task('resubmit_claims', at_hour=2)
def task_submit_ready_claims():
    from core.models import InsuranceClaim
    from core.services import submit_claim
    n = 0
    for claim in InsuranceClaim.objects.filter(status='ready', policy__company__edi_enabled=True):
        submit_claim(claim)
        n += 1
    return n


@register_task('payment_plans', at_hour=6)
def task_payment_plan_instalments():
    from accounts.payments import process_payment_plan_instalments
    return process_payment_plan_instalments()


@register_task('lab_portal', every_minutes=60)
def task_poll_labs():
    from clinic.lab_portal import poll_lab_statuses
    return poll_lab_statuses()


@register_task('overdue_lab_orders', at_hour=8)
def task_overdue_lab_orders():
    from clinic.models import LabOrder
    from utils.mail import send_templated_email
    overdue = [o for o in LabOrder.objects.filter(status__in=['sent', 'in_progress']).select_related('lab', 'dentist')
               if o.is_overdue()]
    for o in overdue:
        send_templated_email('emails/lab_overdue', {'order': o}, o.lab.email)
    return len(overdue)


@register_task('low_stock', at_hour=5)
def task_low_stock_alert():
    from django.conf import settings
    from accounts.models import Practice
    from misc.stock import reorder_suggestions
    from utils.mail import send_templated_email
    lines = {}
    for practice in Practice.objects.filter(is_active=True):
        sugg = reorder_suggestions(practice)
        if sugg:
            lines[practice] = sugg
    if lines:
        send_templated_email('emails/low_stock', {'by_practice': lines}, settings.LOW_STOCK_ALERT_EMAIL)
    return len(lines)


@register_task('qualification_expiry', at_hour=9)
def task_qualification_expiry():
    from misc.models import StaffQualification
    from utils.mail import send_templated_email
    horizon = timezone.localdate() + datetime.timedelta(days=45)
    expiring = StaffQualification.objects.filter(expires_on__lte=horizon, expires_on__gte=timezone.localdate(),
                                                 staff__active=True).select_related('staff__user')
    for q in expiring:
        send_templated_email('emails/qualification_expiring', {'q': q}, q.staff.user.email)
    return expiring.count()
