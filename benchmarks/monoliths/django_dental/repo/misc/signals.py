import os

from django.db.models.signals import post_delete
from django.dispatch import receiver

from misc.models import PatientDocument


@receiver(post_delete, sender=PatientDocument)
def delete_document_file(sender, instance, **kwargs):
    if instance.file and os.path.isfile(instance.file.path):
        os.remove(instance.file.path)
