from django.core.management.base import BaseCommand

from shop import services
from shop.models import PurchaseOrder


class Command(BaseCommand):
    help = 'Raise draft purchase orders for parts at or below reorder level'

    def add_arguments(self, parser):
        parser.add_argument('--dry-run', action='store_true')

    def handle(self, *args, **options):
        suggestions = services.suggest_reorders()
        for supplier, lines in suggestions.items():
            self.stdout.write('%s:' % supplier.name)
            for part, qty in lines:
                self.stdout.write('   %-20s %6s  (on hand %s)' % (part.part_number, qty, part.qty_on_hand))
            if not options['dry_run']:
                po = services.create_purchase_order(supplier, lines)
                self.stdout.write(self.style.SUCCESS('   -> %s' % po.number))
        if not suggestions:
            self.stdout.write('nothing to order')
        self.stdout.write('open POs: %d' % PurchaseOrder.objects.filter(status__in=['draft', 'sent']).count())
