from django.db.models.signals import post_save
from django.dispatch import receiver

from main.models import WorkOrder


@receiver(post_save, sender=WorkOrder)
def close_service_request(sender, instance, **kwargs):
    """When the last work order for a tenant request is done, close the request."""
    if instance.status != "done" or not instance.request_id:
        return
    still_open = WorkOrder.objects.filter(request_id=instance.request_id).exclude(
        status__in=["done", "cancelled"]
    )
    if not still_open.exists():
        from portal.models import ServiceRequest

        ServiceRequest.objects.filter(pk=instance.request_id).update(status="resolved")


@receiver(post_save, sender="core.Lease")
def sync_unit_status(sender, instance, **kwargs):
    from main.services import set_unit_status

    if instance.status == "active":
        set_unit_status(instance.unit_id, "occupied")
    elif instance.status == "notice":
        set_unit_status(instance.unit_id, "notice")
    elif instance.status in ("ended", "terminated"):
        set_unit_status(instance.unit_id, "vacant")
