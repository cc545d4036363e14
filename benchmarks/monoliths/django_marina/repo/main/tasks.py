"""Celery beat jobs. Everything scheduled lives here (historical)."""
import datetime
import logging

from celery import shared_task
from django.db.models import F
from django.utils import timezone

log = logging.getLogger(__name__)


@shared_task
def nightly_billing_run():
    """Invoice anything that has become billable today (monthly berths, visitor stays, yard days)."""
    from main.billing import add_line, create_invoice, issue_invoice
    from main.models import BerthAllocation
    today = timezone.localdate()
    if today.day != 1:
        return 0
    n = 0
    for alloc in BerthAllocation.active.filter(contract_type='monthly').select_related('owner', 'berth'):
        inv = create_invoice(alloc.owner, source='berth')
        add_line(inv, 'Monthly berth %s %s' % (alloc.berth, today.strftime('%b %Y')), alloc.agreed_price, nominal='4100')
        issue_invoice(inv)
        n += 1
    return n


@shared_task
def send_overdue_reminders():
    from main.billing import overdue_invoices
    from utils.email import send_templated_email
    for inv in overdue_invoices(days=7):
        if inv.sent_reminders >= 3:
            inv.owner.on_stop = True
            inv.owner.save(update_fields=['on_stop'])
            continue
        send_templated_email(inv.owner.email, 'Overdue: invoice %s' % inv.number, 'overdue_reminder', {'invoice': inv})
        inv.sent_reminders = F('sent_reminders') + 1
        inv.save(update_fields=['sent_reminders'])


@shared_task
def expire_allocations():
    from main.allocation import offer_to_waiting_list, release_berth
    from main.models import BerthAllocation
    today = timezone.localdate()
    for alloc in BerthAllocation.objects.filter(status='confirmed', end_date__lt=today):
        release_berth(alloc, on=alloc.end_date, reason='contract ended')
        offer_to_waiting_list(alloc.berth)


@shared_task
def process_waiting_list():
    from main.allocation import offer_to_waiting_list
    from main.models import WaitingListEntry
    today = timezone.localdate()
    for entry in WaitingListEntry.objects.filter(active=True, offer_expires__lt=today):
        berth = entry.offered_berth
        entry.offered_berth = None
        entry.offer_expires = None
        entry.save()
        if berth:
            offer_to_waiting_list(berth)


@shared_task
def rotate_gate_codes_task():
    from staff.access import rotate_all_codes
    return rotate_all_codes()


@shared_task
def low_stock_alert():
    from shop.stock import reorder_suggestions
    from utils.email import notify_office
    rows = reorder_suggestions()
    if rows:
        notify_office('Chandlery low stock (%d lines)' % len(rows),
                      '\n'.join('%s %s: %s left' % (p.sku, p.name, p.stock_qty) for p, _ in rows))


@shared_task
def fuel_reconciliation():
    from shop.fuel import reconcile_tank
    from shop.models import FuelTank
    for tank in FuelTank.objects.all():
        diff = reconcile_tank(tank, timezone.localdate())
        if diff is not None and abs(diff) > 50:
            log.warning('tank %s out by %s litres', tank.name, diff)


@shared_task
def rota_reminders():
    from staff.rota import shifts_for_day
    from utils.email import send_sms
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for shift in shifts_for_day(tomorrow):
        if shift.staff.phone:
            send_sms(shift.staff.phone, 'Reminder: %s shift tomorrow %s-%s' % (shift.post, shift.start, shift.end))


@shared_task
def close_visitor_stays():
    from main.models import VisitorBoat
    from staff.access import revoke_code
    today = timezone.localdate()
    for v in VisitorBoat.objects.filter(departs__lte=today, checked_out=False):
        v.checked_out = True
        v.save(update_fields=['checked_out'])
        if v.gate_code:
            revoke_code(v.gate_code)
