import csv
from decimal import Decimal

from django.core.management.base import BaseCommand

from clinic.models import Procedure

LAB_CATEGORIES = ('prosth',)


class Command(BaseCommand):
    help = 'Load/refresh CDT procedure codes from the ADA csv (code,description,category,fee)'

    def add_arguments(self, parser):
        parser.add_argument('path')
        parser.add_argument('--deactivate-missing', action='store_true')

    def handle(self, path, **opts):
        seen = set()
        with open(path, newline='') as fh:
            for row in csv.reader(fh):
                if not row or row[0].startswith('#'):
                    continue
                code, desc, category = row[0].strip(), row[1].strip(), row[2].strip()
                fee = Decimal(row[3]) if len(row) > 3 and row[3] else Decimal('0')
                Procedure.objects.update_or_create(code=code, defaults={
                    'description': desc, 'category': category, 'default_fee': fee,
                    'requires_tooth': code[:2] in ('D2', 'D3', 'D6', 'D7'),
                    'requires_lab': code.startswith(('D27', 'D62', 'D67', 'D51', 'D52')),
                })
                seen.add(code)
        if opts['deactivate_missing']:
            n = Procedure.objects.exclude(code__in=seen).update(is_active=False)
            self.stdout.write('%d codes deactivated' % n)
        self.stdout.write('%d codes loaded' % len(seen))
