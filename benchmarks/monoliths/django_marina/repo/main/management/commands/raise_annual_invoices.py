from django.core.management.base import BaseCommand

from main.allocation import renew_annual_contracts
from utils.dates import financial_year


class Command(BaseCommand):
    help = 'Renew annual berth contracts and raise invoices for the coming year (run late March)'

    def add_arguments(self, parser):
        parser.add_argument('--year', type=int, default=None)

    def handle(self, *args, **opts):
        year = opts['year'] or financial_year() + 1
        n = renew_annual_contracts(year)
        self.stdout.write(self.style.SUCCESS('%d contracts renewed for %s' % (n, year)))
