from django.core.management.base import BaseCommand

from core.giftaid import mark_claim_paid
from crm.models import HmrcSubmission
from utils.hmrc import poll_submission


class Command(BaseCommand):
    help = "Poll HMRC for outstanding gift aid submissions"

    def handle(self, *args, **options):
        for sub in HmrcSubmission.objects.filter(status="sent").select_related("claim"):
            status = poll_submission(sub)
            self.stdout.write("%s -> %s" % (sub.correlation_id, status))
            if status == "accepted":
                sub.claim.status = "accepted"
                sub.claim.save(update_fields=["status"])
            elif status == "paid":
                mark_claim_paid(sub.claim)
