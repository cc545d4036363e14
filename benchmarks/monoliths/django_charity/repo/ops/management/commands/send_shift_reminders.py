from django.core.management.base import BaseCommand

from ops.rota import send_shift_reminders, mark_no_shows


class Command(BaseCommand):
    help = "Email volunteers about shifts in the next 48h and mark no-shows"

    def handle(self, *args, **options):
        n = send_shift_reminders()
        m = mark_no_shows()
        self.stdout.write("%d reminders, %d no-shows" % (n, m))
