from django.core.management.base import BaseCommand

from clinic.lab_portal import poll_lab_statuses


class Command(BaseCommand):
    help = 'Poll the lab portal for case status changes'

    def handle(self, *args, **options):
        n = poll_lab_statuses()
        self.stdout.write('%d lab orders updated' % n)
