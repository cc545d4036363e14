"""
One-off (ha) import from the old Access database. The DBA loads the export
into the legacy_customer_import staging table, then we run this.
Still run a couple of times a year when a branch we take over has its own DB.
"""
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from common.utils import dictfetchall, normalise_reg, parse_date
from customers.models import Customer, Vehicle, VehicleOwnership


class Command(BaseCommand):
    help = 'Import customers + vehicles from the legacy_customer_import staging table'

    def add_arguments(self, parser):
        parser.add_argument('--branch', required=True)
        parser.add_argument('--commit', action='store_true')

    def handle(self, *args, **options):
        with connection.cursor() as cursor:
            cursor.execute("""
                SELECT id, cust_ref, title, forename, surname, tel, email, addr1, addr2, town, postcode,
                       reg_no, make, model, mot_date
                  FROM legacy_customer_import
                 WHERE branch = %s AND imported_at IS NULL
                 ORDER BY cust_ref
            """, [options['branch']])
            rows = dictfetchall(cursor)
        self.stdout.write('%d rows to import' % len(rows))
        created = 0
        sid = transaction.savepoint()
        for r in rows:
            customer, was_new = Customer.objects.get_or_create(
                legacy_id='%s/%s' % (options['branch'], r['cust_ref']),
                defaults={'title': (r['title'] or '')[:5], 'first_name': r['forename'] or '',
                          'last_name': r['surname'] or 'UNKNOWN', 'phone': r['tel'] or '',
                          'email': r['email'] or '', 'address_line1': r['addr1'] or '',
                          'address_line2': r['addr2'] or '', 'town': r['town'] or '',
                          'postcode': r['postcode'] or ''})
            created += int(was_new)
            reg = normalise_reg(r['reg_no'])
            if reg and not Vehicle.objects.filter(registration=reg).exists():
                v = Vehicle.objects.create(owner=customer, registration=reg, make=r['make'] or '',
                                           model=r['model'] or '', mot_due=parse_date(r['mot_date']))
                VehicleOwnership.objects.create(vehicle=v, customer=customer, from_date=v.created_at.date())
            with connection.cursor() as cursor:
                cursor.execute('UPDATE legacy_customer_import SET imported_at = NOW() WHERE id = %s', [r['id']])
        if options['commit']:
            transaction.savepoint_commit(sid)
        else:
            transaction.savepoint_rollback(sid)
            self.stdout.write('dry run, rolled back (use --commit)')
        self.stdout.write('%d new customers' % created)
