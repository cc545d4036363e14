from django.core.management.base import BaseCommand

from utils.cron import run_due_jobs


class Command(BaseCommand):
    help = "Run any scheduled jobs that are due (call every 10 minutes)"

    def handle(self, *args, **options):
        run_due_jobs()
