from django.core.management.base import BaseCommand

from main.tasks import expire_permits


class Command(BaseCommand):
    help = "Expire permits past their end date (normally run by celery beat)"

    def handle(self, *args, **options):
        n = expire_permits()
        self.stdout.write(self.style.SUCCESS("%d permits expired" % n))
