from django.core.management.base import BaseCommand

from shop.services import expire_pending_orders


class Command(BaseCommand):
    help = "Expire unpaid orders and give their seats back (cron, every 5 minutes)"

    def handle(self, *args, **options):
        count = expire_pending_orders()
        if count:
            self.stdout.write(f"expired {count} orders")
