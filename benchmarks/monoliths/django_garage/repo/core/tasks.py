import csv
import datetime
import io
import logging
import os
from decimal import Decimal

from celery import shared_task
from django.conf import settings
from django.db import connection
from django.db.models import F, Sum
from django.utils import timezone

from common.decorators import single_instance_task
from common.tasks import send_templated_email
from common.utils import dictfetchall, format_date, format_money, month_bounds, today
from core.models import Invoice, Payment

logger = logging.getLogger('garage.invoicing.tasks')

REMINDER_SCHEDULE_DAYS = (7, 21, 45)  # days overdue for reminder 1, 2, final


@shared_task
@single_instance_task()
def send_overdue_reminders():
    sent = 0
    for inv in Invoice.objects.overdue().select_related('customer', 'fleet_account'):
        days_over = (today() - inv.due_on).days
        if inv.reminders_sent >= len(REMINDER_SCHEDULE_DAYS):
            continue
        if days_over < REMINDER_SCHEDULE_DAYS[inv.reminders_sent]:
            continue
        to = inv.fleet_account.contact_email if inv.fleet_account_id else inv.customer.email
        if not to:
            continue
        template = 'emails/overdue_final' if inv.reminders_sent == 2 else 'emails/overdue'
        send_templated_email(to, 'Invoice %s is overdue' % inv.number, template,
                             {'invoice': inv, 'days_over': days_over, 'balance': format_money(inv.balance)})
        Invoice.objects.filter(pk=inv.pk).update(reminders_sent=F('reminders_sent') + 1,
                                                 last_reminder_at=timezone.now())
        sent += 1
    return sent


@shared_task
def email_daily_takings(day=None):
    day = day or (today() - datetime.timedelta(days=1))
    rows = (Payment.objects.filter(received_at__date=day)
            .values('method').annotate(total=Sum('amount')).order_by('method'))
    total = sum((r['total'] for r in rows), Decimal('0.00'))
    send_templated_email(['accounts@speedyfix-garages.co.uk'], 'Takings %s: %s' % (format_date(day), format_money(total)),
                         'emails/daily_takings', {'rows': rows, 'total': total, 'day': day})


@shared_task
def export_invoices_to_accounts(path=None):
    """Sage 50 import CSV. Every issued, not yet exported invoice."""
    path = path or os.path.join(settings.MEDIA_ROOT, 'exports', 'sage_%s.csv' % today().strftime('%Y%m%d'))
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT i.id, i.number, i.issued_on, i.net_total, i.vat_total, i.gross_total,
                   COALESCE(f.account_number, 'RETAIL') AS account_ref
              FROM invoices i
              LEFT JOIN customers_fleetaccount f ON f.id = i.fleet_account_id
             WHERE i.exported_at IS NULL AND i.status IN ('issued', 'part_paid', 'paid')
             ORDER BY i.id
        """)
        rows = dictfetchall(cursor)
    buf = io.StringIO()
    w = csv.writer(buf)
    for r in rows:
        w.writerow(['SI', r['account_ref'], '4000', '', format_date(r['issued_on']), r['number'],
                    'Workshop sales', r['net_total'], 'T1', r['vat_total']])
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as fh:
        fh.write(buf.getvalue())
    Invoice.objects.filter(pk__in=[r['id'] for r in rows]).update(exported_at=timezone.now())
    logger.info('exported %d invoices to %s', len(rows), path)
    return path


@shared_task
def send_fleet_statements():
    """1st of month: statement of account to each fleet customer."""
    from customers.models import FleetAccount

    first, last = month_bounds(today() - datetime.timedelta(days=1))
    for account in FleetAccount.objects.exclude(contact_email=''):
        invoices = (Invoice.objects.filter(fleet_account=account)
                    .filter(status__in=['issued', 'part_paid'])
                    .order_by('issued_on'))
        if not invoices:
            continue
        send_templated_email(account.contact_email, 'Statement %s' % first.strftime('%B %Y'), 'emails/statement',
                             {'account': account, 'invoices': invoices,
                              'total': sum(i.balance for i in invoices)})


@shared_task
def write_off_small_balances(limit='0.99'):
    """Pennies left over from card rounding etc. Finance approved up to 99p."""
    n = (Invoice.objects.outstanding()
         .filter(due_on__lt=today() - datetime.timedelta(days=60))
         .annotate(bal=F('gross_total') - F('amount_paid'))
         .filter(bal__gt=0, bal__lte=Decimal(limit))
         .update(status='written_off'))
    return n
