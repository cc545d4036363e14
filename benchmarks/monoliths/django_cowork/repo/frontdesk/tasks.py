import datetime

from celery import shared_task
from django.utils import timezone

from common.emails import send_templated_email
from frontdesk.models import Parcel, Visit, Visitor

VISITOR_RETENTION_DAYS = 365


@shared_task
def purge_old_visitor_data():
    """GDPR: anonymise visitors not seen for a year."""
    cutoff = timezone.now() - datetime.timedelta(days=VISITOR_RETENTION_DAYS)
    stale = Visitor.objects.exclude(visits__expected_at__gte=cutoff).filter(banned=False)
    return stale.update(name="(removed)", email="", phone="", company="")


@shared_task
def remind_parcel_pickup():
    cutoff = timezone.now() - datetime.timedelta(days=3)
    for p in Parcel.objects.filter(collected_at__isnull=True, received_at__lt=cutoff).select_related("recipient"):
        send_templated_email(p.recipient.email, "parcel_reminder", {"parcel": p})


@shared_task
def mark_no_show_visits():
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    return Visit.objects.filter(status=Visit.EXPECTED, expected_at__date__lte=yesterday).update(status=Visit.NO_SHOW)
