from django.core.management.base import BaseCommand

from staff.access import rotate_all_codes


class Command(BaseCommand):
    help = 'Rotate all berth holder gate codes now (normally monthly via celery)'

    def handle(self, *args, **options):
        n = rotate_all_codes()
        self.stdout.write('%d codes rotated' % n)
