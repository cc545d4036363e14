from django.core.management.base import BaseCommand

from office.reminders import send_all_reminders, send_recall_letters


class Command(BaseCommand):
    help = 'Send SMS/email reminders for upcoming appointments (and recall letters with --recalls)'

    def add_arguments(self, parser):
        parser.add_argument('--recalls', action='store_true')

    def handle(self, *args, **opts):
        n = send_all_reminders()
        self.stdout.write('%d appointment reminders sent' % n)
        if opts['recalls']:
            self.stdout.write('%d recall letters sent' % send_recall_letters())
