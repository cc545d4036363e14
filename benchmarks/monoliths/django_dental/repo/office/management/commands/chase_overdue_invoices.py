import datetime

from django.core.management.base import BaseCommand

from office.invoicing import invoice_balance, overdue_invoices
from office.models import Invoice
from utils.dates import today_local
from utils.mail import send_templated_email
from utils.money import format_money


class Command(BaseCommand):
    help = 'Email statements to patients with overdue invoices'

    def add_arguments(self, parser):
        parser.add_argument('--days', type=int, default=0)
        parser.add_argument('--dry-run', action='store_true')

    def handle(self, *args, **options):
        today = today_local()
        count = 0
        for inv in overdue_invoices(days=options['days']):
            if inv.last_reminder and (today - inv.last_reminder) < datetime.timedelta(days=14):
                continue
            if not inv.patient.email:
                continue
            self.stdout.write('%s %s %s' % (inv.number, inv.patient, format_money(invoice_balance(inv))))
            if options['dry_run']:
                continue
            if send_templated_email('emails/overdue_statement', {'invoice': inv}, inv.patient.email):
                Invoice.objects.filter(pk=inv.pk).update(last_reminder=today)
                count += 1
        self.stdout.write(self.style.SUCCESS('%d statements sent' % count))
