from django.core.management.base import BaseCommand
from django.utils import timezone

from common.notify import send_email, send_sms
from core.models import Member
from dashboard.models import Campaign


def audience(campaign):
    statuses = ["active", "frozen"] + (["lapsed"] if campaign.include_lapsed else [])
    qs = Member.objects.filter(status__in=statuses, marketing_ok=True)
    if campaign.target_club_id:
        qs = qs.filter(home_club_id=campaign.target_club_id)
    plan_ids = list(campaign.target_plans.values_list("pk", flat=True))
    if plan_ids:
        qs = qs.filter(memberships__plan_id__in=plan_ids).distinct()
    if campaign.channel == "sms":
        qs = qs.filter(sms_ok=True).exclude(phone="")
    return qs


class Command(BaseCommand):
    help = "Send scheduled campaigns whose time has come (every 10 minutes)"

    def handle(self, *args, **opts):
        for c in Campaign.objects.filter(sent_at=None, scheduled_for__lte=timezone.now()):
            n = 0
            for m in audience(c).iterator():
                if c.channel == "sms":
                    send_sms(m, "campaign", campaign=c, text=c.body)
                else:
                    send_email(m, "campaign", campaign=c, subject=c.subject,
                               body=c.body.replace("{first_name}", m.first_name))
                n += 1
            c.sent_at, c.sent_count = timezone.now(), n
            c.save()
            self.stdout.write("%s: %d" % (c.name, n))
