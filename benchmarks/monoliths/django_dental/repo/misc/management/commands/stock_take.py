import csv

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Practice
from misc.models import SupplyItem
from misc.stock import stock_take


class Command(BaseCommand):
    help = 'Apply a stock count CSV (sku,count) for a practice'

    def add_arguments(self, parser):
        parser.add_argument('practice')
        parser.add_argument('csvfile')

    def handle(self, practice, csvfile, **opts):
        try:
            practice = Practice.objects.get(code=practice)
        except Practice.DoesNotExist:
            raise CommandError('no practice %s' % practice)
        skus = {}
        with open(csvfile) as fh:
            for row in csv.reader(fh):
                if len(row) >= 2 and row[1].strip().isdigit():
                    skus[row[0].strip()] = int(row[1])
        counts = {i.pk: skus[i.sku] for i in SupplyItem.objects.filter(sku__in=skus)}
        missing = set(skus) - set(SupplyItem.objects.filter(sku__in=skus).values_list('sku', flat=True))
        for sku in sorted(missing):
            self.stderr.write('unknown sku %s' % sku)
        for item, diff in stock_take(practice, counts):
            self.stdout.write('%-12s %+d' % (item.sku, diff))
