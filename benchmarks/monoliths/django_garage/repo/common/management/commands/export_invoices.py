from django.core.management.base import BaseCommand
from django.db import connection

from common.utils import dictfetchall, parse_date, rows_to_csv
from core.tasks import export_invoices_to_accounts


class Command(BaseCommand):
    help = 'Export invoices: --sage pushes unexported ones to the Sage CSV, otherwise dump a date range'

    def add_arguments(self, parser):
        parser.add_argument('--sage', action='store_true')
        parser.add_argument('--from', dest='date_from')
        parser.add_argument('--to', dest='date_to')
        parser.add_argument('--out', default='-')

    def handle(self, *args, **options):
        if options['sage']:
            self.stdout.write(export_invoices_to_accounts())
            return
        d1, d2 = parse_date(options['date_from']), parse_date(options['date_to'])
        with connection.cursor() as cursor:
            cursor.execute("""
                SELECT i.number, i.issued_on, i.status, i.net_total, i.vat_total, i.gross_total, i.amount_paid,
                       (SELECT STRING_AGG(p.method || ':' || p.amount, ';') FROM core_payment p
                         WHERE p.invoice_id = i.id) AS payments
                  FROM invoices i
                 WHERE i.issued_on BETWEEN %s AND %s
                 ORDER BY i.issued_on, i.number
            """, [d1, d2])
            data = rows_to_csv(dictfetchall(cursor))
        if options['out'] == '-':
            self.stdout.write(data)
        else:
            with open(options['out'], 'w') as fh:
                fh.write(data)
