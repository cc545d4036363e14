import logging

from django.db import transaction
from django.utils import timezone

from crm.models import Mailing, MailingRecipient
from crm.segments import segment_queryset
from utils.emails import send_templated_email
from utils.helpers import chunked

log = logging.getLogger(__name__)


@transaction.atomic
def prepare_mailing(mailing):
    MailingRecipient.objects.filter(mailing=mailing).delete()
    rows = [MailingRecipient(mailing=mailing, supporter=s)
            for s in segment_queryset(mailing.segment).only("id")]
    MailingRecipient.objects.bulk_create(rows, batch_size=1000)
    if mailing.appeal_id:
        mailing.appeal.mailed_count = len(rows)
        mailing.appeal.save(update_fields=["mailed_count"])
    return len(rows)


def send_mailing(mailing):
    if mailing.sent_at:
        log.warning("mailing %s already sent", mailing.pk)
        return 0
    sent = 0
    pending = MailingRecipient.objects.filter(mailing=mailing, sent=False).select_related("supporter")
    for chunk in chunked(pending.iterator(), 200):
        for r in chunk:
            if not r.supporter.can_contact(mailing.channel):
                continue
            ok = send_templated_email(r.supporter.email, mailing.template,
                                      {"supporter": r.supporter, "mailing": mailing},
                                      subject=mailing.subject)
            MailingRecipient.objects.filter(pk=r.pk).update(sent=ok, bounced=not ok)
            sent += ok
    mailing.sent_at = timezone.now()
    mailing.save()
    return sent


def due_mailings():
    return Mailing.objects.filter(sent_at__isnull=True, scheduled_for__lte=timezone.now())

