import csv

from django.core.management.base import BaseCommand

from boats.models import Owner
from main.models import WaitingListEntry
from utils.dates import parse_uk_date


class Command(BaseCommand):
    help = 'One-off import of the waiting list spreadsheet (2019)'

    def add_arguments(self, parser):
        parser.add_argument('path')

    def handle(self, *args, **opts):
        with open(opts['path']) as f:
            for row in csv.DictReader(f):
                try:
                    owner = Owner.objects.get(account_ref=row['Account'])
                except Owner.DoesNotExist:
                    self.stderr.write('no owner %s' % row['Account'])
                    continue
                WaitingListEntry.objects.get_or_create(
                    owner=owner, defaults={'min_length_m': row['Length'] or 0,
                                           'joined': parse_uk_date(row['Joined']),
                                           'deposit_paid': row.get('Deposit', '').lower() == 'y'})
