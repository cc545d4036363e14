from django.core.management.base import BaseCommand

from crm.mailings import due_mailings, prepare_mailing, send_mailing


class Command(BaseCommand):
    help = "Send scheduled mailings that are due"

    def handle(self, *args, **options):
        for mailing in due_mailings():
            if not mailing.mailingrecipient_set.exists():
                prepare_mailing(mailing)
            n = send_mailing(mailing)
            self.stdout.write("%s: %d sent" % (mailing.subject, n))
