from django.core.management.base import BaseCommand

from boxoffice.helpers import release_expired_holds


class Command(BaseCommand):
    help = "Give expired seat holds back to the pool (cron, every minute)"

    def handle(self, *args, **options):
        released = release_expired_holds()
        if released:
            self.stdout.write(f"released {released} holds")
