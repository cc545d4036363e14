from django.db import models
from django.utils import timezone


class TimeStampedModel(models.Model):
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class ActiveManager(models.Manager):
    """Only rows with active=True. Most of our older tables have that flag."""

    def get_queryset(self):
        return super().get_queryset().filter(active=True)
