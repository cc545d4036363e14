import csv
from decimal import Decimal

from django.core.management.base import BaseCommand

from shop.models import Product, ProductCategory


class Command(BaseCommand):
    help = 'Import/update products from supplier price file (CSV)'

    def add_arguments(self, parser):
        parser.add_argument('path')
        parser.add_argument('--supplier', default='')

    def handle(self, *args, **opts):
        n = 0
        with open(opts['path'], encoding='latin-1') as f:
            for row in csv.DictReader(f):
                cat, _ = ProductCategory.objects.get_or_create(name=row.get('Category') or 'Misc')
                Product.objects.update_or_create(sku=row['SKU'], defaults={
                    'name': row['Description'][:128], 'barcode': row.get('EAN', ''),
                    'cost_price': Decimal(row['Cost']), 'sell_price': Decimal(row['RRP']),
                    'category': cat, 'supplier': opts['supplier']})
                n += 1
        self.stdout.write('%d products' % n)
