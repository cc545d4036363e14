import datetime

from celery import shared_task
from django.utils import timezone

from common.emails import send_templated_email
from community.models import Announcement, Event
from community.services import send_event_reminders
from members.models import Member


@shared_task
def event_reminders():
    return send_event_reminders()


@shared_task
def weekly_newsletter():
    now = timezone.now()
    events = Event.objects.filter(published=True, starts_at__range=(now, now + datetime.timedelta(days=7)))
    news = Announcement.objects.filter(publish_at__gte=now - datetime.timedelta(days=7))
    for member in Member.objects.filter(marketing_opt_in=True, suspended=False).iterator():
        send_templated_email(member.email, "newsletter", {"member": member, "events": events, "news": news})
