from django.core.management.base import BaseCommand

from common.utils import parse_date
from customers.loyalty import expire_points


class Command(BaseCommand):
    help = 'Expire loyalty points past their expiry date'

    def add_arguments(self, parser):
        parser.add_argument('--as-of', help='dd/mm/yyyy, default today')

    def handle(self, *args, **options):
        as_of = parse_date(options.get('as_of')) if options.get('as_of') else None
        n = expire_points(as_of)
        self.stdout.write(self.style.SUCCESS('expired %d points' % n))
