from celery import shared_task
from django.utils import timezone

from facilities.models import Asset, MaintenanceTicket
from facilities.services import escalate_overdue, open_ticket


@shared_task
def escalate_tickets():
    return escalate_overdue()


@shared_task
def schedule_preventive_maintenance():
    today = timezone.localdate()
    for asset in Asset.objects.filter(service_interval_days__isnull=False).select_related("location"):
        last = asset.last_serviced_on or asset.installed_on
        if last and (today - last).days >= asset.service_interval_days:
            if not MaintenanceTicket.objects.filter(asset=asset).exclude(status="done").exists():
                open_ticket(asset.location, "Scheduled service: %s" % asset.name, category="other",
                            priority=4, asset=asset)
