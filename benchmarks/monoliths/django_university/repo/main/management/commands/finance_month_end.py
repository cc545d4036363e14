"""Month-end close for the bursary.

 * marks overdue invoices
 * places finance holds for > 90 days debt
 * emails the aged debt + income reports to the bursar
"""
import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from common.db import dictfetchall
from common.utils import format_money, rows_to_csv, today
from main import services
from main.models import Student
from reports import queries


class Command(BaseCommand):
    help = 'Month-end finance close (run on the 1st)'

    def add_arguments(self, parser):
        parser.add_argument('--no-email', action='store_true')
        parser.add_argument('--hold-days', type=int, default=90)

    @transaction.atomic
    def handle(self, *args, **options):
        on = today()
        with connection.cursor() as cursor:
            cursor.execute(
                """
                UPDATE main_invoice
                   SET status = 'overdue', updated_at = NOW()
                 WHERE status IN ('issued', 'part_paid')
                   AND due_on < %s
                """, [on])
            marked = cursor.rowcount

            cursor.execute(
                """
                SELECT DISTINCT i.student_id
                  FROM main_invoice i
                 WHERE i.status = 'overdue'
                   AND i.due_on < %s
                   AND NOT EXISTS (SELECT 1 FROM main_accounthold h
                                    WHERE h.student_id = i.student_id
                                      AND h.hold_type = 'finance'
                                      AND h.released_at IS NULL)
                """, [on - datetime.timedelta(days=options['hold_days'])])
            to_hold = [r['student_id'] for r in dictfetchall(cursor)]

        for student in Student.objects.filter(pk__in=to_hold):
            services.place_hold(student, 'Debt over %s days at month end' % options['hold_days'],
                                placed_by='month-end')

        self.stdout.write('overdue marked: %s, holds placed: %s' % (marked, len(to_hold)))

        if options['no_email']:
            return
        aged = queries.aged_debt()
        income = queries.fee_income_by_programme(on.year if on.month >= 9 else on.year - 1)
        from django.core.mail import EmailMessage
        msg = EmailMessage('Month end %s' % on.strftime('%B %Y'),
                           'Total outstanding: %s' % format_money(sum(r['balance'] for r in aged)),
                           settings.DEFAULT_FROM_EMAIL, [settings.BURSAR_EMAIL])
        msg.attach('aged_debt.csv', rows_to_csv(
            ['student_number', 'name', 'programme', 'balance', 'oldest_due', 'bucket'],
            [(r['student_number'], r['name'], r['programme_code'], r['balance'], r['oldest_due'], r['bucket'])
             for r in aged]), 'text/csv')
        msg.attach('income.csv', rows_to_csv(['programme', 'invoiced', 'received'],
                                             [(r['programme_code'], r['invoiced'], r['received']) for r in income]),
                   'text/csv')
        msg.send()
