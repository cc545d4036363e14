from decimal import Decimal

from django.core.management.base import BaseCommand

from shop.fuel import set_price


class Command(BaseCommand):
    help = 'Set fuel price manually: fuel_price_update diesel 1.659'

    def add_arguments(self, parser):
        parser.add_argument('fuel_type', choices=['diesel', 'red', 'petrol'])
        parser.add_argument('price')

    def handle(self, *args, **opts):
        p = set_price(opts['fuel_type'], Decimal(opts['price']))
        self.stdout.write('%s now %s/l' % (p.fuel_type, p.price_per_litre))
