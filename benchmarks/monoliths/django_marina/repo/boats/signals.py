from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from boats.models import Owner, WorkOrder
from utils.email import send_templated_email


@receiver(post_save, sender=Owner)
def owner_created_send_welcome(sender, instance, created, **kwargs):
    if created and instance.email and not kwargs.get('raw'):
        send_templated_email(instance.email, 'Welcome to Harbourside Marina', 'welcome', {'owner': instance})


@receiver(pre_save, sender=WorkOrder)
def workorder_status_changed(sender, instance, **kwargs):
    if not instance.pk:
        return
    old = WorkOrder.objects.filter(pk=instance.pk).values_list('status', flat=True).first()
    if old != instance.status and instance.status == 'complete' and instance.owner.email:
        send_templated_email(instance.owner.email, 'Your boat %s is ready' % instance.boat.name, 'job_complete',
                             {'wo': instance})
