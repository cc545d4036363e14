"""Allocate rooms from housing applications and bill rent.

Lives in main/ because main was the only app with a management/ folder
when housing went live (summer 2019)."""
from django.core.management.base import BaseCommand, CommandError

from academics import services as academic_services
from academics.models import Term


class Command(BaseCommand):
    help = 'Process pending housing applications for a term and (optionally) invoice rent'

    def add_arguments(self, parser):
        parser.add_argument('term', help='term code')
        parser.add_argument('--bill', action='store_true', help='also add rent lines to invoices')

    def handle(self, *args, **options):
        term = Term.objects.filter(code=options['term']).first()
        if term is None:
            raise CommandError('no such term')
        result = academic_services.process_housing_applications(term)
        self.stdout.write('allocated=%(allocated)s waitlisted=%(waitlisted)s' % result)
        if options['bill']:
            billed = academic_services.charge_housing_fees(term)
            self.stdout.write('rent lines added: %s' % billed)
