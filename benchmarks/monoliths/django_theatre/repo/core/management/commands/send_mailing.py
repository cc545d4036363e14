import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.utils import chunked
from legacy.helpers import Timer, render_mailing
from legacy.models import Mailing, MailingRecipient

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Send a mailing to its list (resumable - skips anyone already sent)"

    def add_arguments(self, parser):
        parser.add_argument("mailing_id", type=int)
        parser.add_argument("--limit", type=int, default=0)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, mailing_id, **options):
        try:
            mailing = Mailing.objects.select_related("mailing_list", "production").get(pk=mailing_id)
        except Mailing.DoesNotExist:
            raise CommandError("No mailing %s" % mailing_id)
        if mailing.status == "sent":
            raise CommandError("Already sent")
        mailing.status = "sending"
        mailing.save(update_fields=["status"])
        already = set(mailing.recipients.exclude(sent_at__isnull=True).values_list("email", flat=True))
        patrons = [p for p in mailing.mailing_list.subscribers() if p.email not in already]
        if options["limit"]:
            patrons = patrons[: options["limit"]]
        sent = 0
        with Timer("mailing %s" % mailing.pk):
            for batch in chunked(patrons, settings.MAILING_BATCH_SIZE):
                connection = get_connection()
                messages = []
                for patron in batch:
                    recipient, _ = MailingRecipient.objects.get_or_create(mailing=mailing, email=patron.email, defaults={"patron": patron})
                    html, text = render_mailing(mailing, patron, recipient)
                    msg = EmailMultiAlternatives(mailing.subject, text, settings.DEFAULT_FROM_EMAIL, [patron.email], connection=connection)
                    msg.attach_alternative(html, "text/html")
                    msg.extra_headers["List-Unsubscribe"] = "<%s/old/unsubscribe/%s/>" % (settings.MAILING_TRACKING_HOST, recipient.token)
                    messages.append((recipient, msg))
                if options["dry_run"]:
                    self.stdout.write("would send %d" % len(messages))
                    continue
                for recipient, msg in messages:
                    try:
                        msg.send()
                        recipient.sent_at = timezone.now()
                    except Exception:
                        log.exception("send failed for %s", recipient.email)
                        recipient.bounced = True
                    recipient.save(update_fields=["sent_at", "bounced"])
                    sent += 1
        if not options["dry_run"]:
            mailing.status = "sent"
            mailing.sent_at = timezone.now()
            mailing.save(update_fields=["status", "sent_at"])
        self.stdout.write(self.style.SUCCESS("Sent %d" % sent))
