from django.core.management.base import BaseCommand

from core.leasing import end_expired_leases, expiring_leases, offer_renewal


class Command(BaseCommand):
    help = "End leases past their end date and offer renewals to those expiring soon."

    def add_arguments(self, parser):
        parser.add_argument("--increase", type=int, default=3)

    def handle(self, *args, **options):
        ended = end_expired_leases()
        offered = 0
        for lease in expiring_leases():
            offer_renewal(lease, options["increase"])
            offered += 1
        self.stdout.write(f"ended {ended}, renewal offers {offered}")
