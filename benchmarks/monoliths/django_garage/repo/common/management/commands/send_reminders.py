"""Manual run of the reminder job -- for when celery beat is down (again)."""
from django.core.management.base import BaseCommand

from common.tasks import mark_no_shows, send_appointment_reminders


class Command(BaseCommand):
    help = 'Send appointment reminder SMS for the next 24h and mark no-shows'

    def add_arguments(self, parser):
        parser.add_argument('--no-shows', action='store_true', help='also mark today\'s no-shows')

    def handle(self, *args, **options):
        n = send_appointment_reminders()
        self.stdout.write('sent %s reminders' % n)
        if options['no_shows']:
            self.stdout.write('marked %s no-shows' % mark_no_shows())
