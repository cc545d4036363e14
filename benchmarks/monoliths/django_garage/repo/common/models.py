"""
Base models + the booking diary.

The booking models live here because the diary was the first thing we built
(before there was a "shop") and nobody wanted to write the data migration to
move them. Don't add more things here, please.
"""
import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


# ---------------------------------------------------------------------------
# abstract bases used by every app
# ---------------------------------------------------------------------------

class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class SoftDeleteQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def dead(self):
        return self.filter(deleted_at__isnull=False)

    def delete(self):
        return super(SoftDeleteQuerySet, self).update(deleted_at=timezone.now())

    def hard_delete(self):
        return super(SoftDeleteQuerySet, self).delete()


class SoftDeleteManager(models.Manager):
    def __init__(self, *args, **kwargs):
        self.alive_only = kwargs.pop('alive_only', True)
        super(SoftDeleteManager, self).__init__(*args, **kwargs)

    def get_queryset(self):
        qs = SoftDeleteQuerySet(self.model, using=self._db)
        if self.alive_only:
            return qs.alive()
        return qs


class SoftDeleteModel(TimeStampedModel):
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = SoftDeleteManager()
    all_objects = SoftDeleteManager(alive_only=False)

    class Meta:
        abstract = True

    def delete(self, using=None, keep_parents=False):
        self.deleted_at = timezone.now()
        self.save(update_fields=['deleted_at'])

    def restore(self):
        self.deleted_at = None
        self.save(update_fields=['deleted_at'])


# ---------------------------------------------------------------------------
# booking diary
# ---------------------------------------------------------------------------

class ServiceBay(models.Model):
    BAY_TYPES = (
        ('general', 'General ramp'),
        ('mot', 'MOT bay'),
        ('tyre', 'Tyre / alignment'),
        ('ev', 'EV / high voltage'),
    )
    branch_code = models.CharField(max_length=8, default='HQ')
    name = models.CharField(max_length=40)
    bay_type = models.CharField(max_length=10, choices=BAY_TYPES, default='general')
    is_active = models.BooleanField(default=True)
    max_vehicle_weight_kg = models.PositiveIntegerField(default=3500)

    class Meta:
        ordering = ('branch_code', 'name')

    def __str__(self):
        return '%s / %s' % (self.branch_code, self.name)


class AppointmentQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(starts_at__gte=timezone.now()).exclude(status__in=['cancelled', 'no_show'])

    def on_day(self, d):
        return self.filter(starts_at__date=d)

    def overlapping(self, bay, start, end):
        return self.filter(bay=bay).exclude(status='cancelled').filter(
            Q(starts_at__lt=end) & Q(ends_at__gt=start)
        )


class Appointment(TimeStampedModel):
    STATUS_CHOICES = (
        ('booked', 'Booked'),
        ('confirmed', 'Confirmed'),
        ('arrived', 'Arrived'),
        ('converted', 'Converted to job'),
        ('cancelled', 'Cancelled'),
        ('no_show', 'No show'),
    )
    SOURCE_CHOICES = (
        ('phone', 'Phone'),
        ('web', 'Website'),
        ('walkin', 'Walk-in'),
        ('fleet', 'Fleet portal'),
    )
    customer = models.ForeignKey('customers.Customer', on_delete=models.PROTECT, related_name='appointments')
    vehicle = models.ForeignKey('customers.Vehicle', on_delete=models.PROTECT, related_name='appointments')
    bay = models.ForeignKey(ServiceBay, null=True, blank=True, on_delete=models.SET_NULL)
    technician = models.ForeignKey('accounts.Technician', null=True, blank=True, on_delete=models.SET_NULL)
    service_code = models.CharField(max_length=12, default='FULL')
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default='booked')
    source = models.CharField(max_length=8, choices=SOURCE_CHOICES, default='phone')
    customer_notes = models.TextField(blank=True)
    courtesy_car = models.BooleanField(default=False)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ('starts_at',)

    def __str__(self):
        return '%s @ %s' % (self.vehicle_id, self.starts_at)

    @property
    def duration(self):
        return self.ends_at - self.starts_at

    def can_cancel(self):
        return self.status in ('booked', 'confirmed') and self.starts_at > timezone.now()


class BayBlock(models.Model):
    """Bay out of action (lift inspection, training day...)."""
    bay = models.ForeignKey(ServiceBay, on_delete=models.CASCADE, related_name='blocks')
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    reason = models.CharField(max_length=120)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)

    class Meta:
        db_table = 'bay_blocks'


class AppointmentReminder(models.Model):
    CHANNELS = (('sms', 'SMS'), ('email', 'Email'))
    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name='reminders')
    channel = models.CharField(max_length=6, choices=CHANNELS)
    sent_at = models.DateTimeField(default=timezone.now)
    provider_ref = models.CharField(max_length=64, blank=True)
    failed = models.BooleanField(default=False)

    class Meta:
        unique_together = (('appointment', 'channel'),)
