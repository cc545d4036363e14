from django.core.management.base import BaseCommand

from core.billing import apply_late_fees


class Command(BaseCommand):
    help = "Add late fees to overdue invoices past the grace period (cron: daily)."

    def handle(self, *args, **options):
        self.stdout.write(f"late fees applied to {apply_late_fees()} invoices")
