from django.db import models
from django.utils import timezone

from common.models import TimeStampedModel


class Door(models.Model):
    location = models.ForeignKey("core.Location", on_delete=models.CASCADE, related_name="doors")
    name = models.CharField(max_length=60)
    controller_id = models.CharField(max_length=40, unique=True)
    is_entrance = models.BooleanField(default=False)
    always_unlocked_during_hours = models.BooleanField(default=False)

    def __str__(self):
        return "%s / %s" % (self.location.code, self.name)


class AccessGroup(models.Model):
    name = models.CharField(max_length=60)
    location = models.ForeignKey("core.Location", on_delete=models.CASCADE)
    controller_group_id = models.CharField(max_length=40, blank=True)
    twenty_four_seven = models.BooleanField(default=False)


class AccessRule(models.Model):
    group = models.ForeignKey(AccessGroup, on_delete=models.CASCADE, related_name="rules")
    door = models.ForeignKey(Door, on_delete=models.CASCADE)
    weekday_from = models.TimeField(null=True, blank=True)
    weekday_to = models.TimeField(null=True, blank=True)
    weekends = models.BooleanField(default=False)


class KeyCard(TimeStampedModel):
    ACTIVE, LOST, DISABLED, RETURNED = "active", "lost", "disabled", "returned"
    member = models.ForeignKey("members.Member", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="keycards")
    visit = models.ForeignKey("frontdesk.Visit", null=True, blank=True, on_delete=models.SET_NULL)
    uid = models.CharField(max_length=32, unique=True)
    status = models.CharField(max_length=10, default=ACTIVE)
    group = models.ForeignKey(AccessGroup, null=True, blank=True, on_delete=models.SET_NULL)
    valid_until = models.DateTimeField(null=True, blank=True)  # temporary visitor passes
    deposit_paid = models.BooleanField(default=False)
    synced_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=100, blank=True)

    @property
    def is_temporary(self):
        return self.valid_until is not None

    def expired(self):
        return self.valid_until is not None and self.valid_until < timezone.now()


class DoorEvent(models.Model):
    door = models.ForeignKey(Door, on_delete=models.CASCADE, related_name="events")
    card = models.ForeignKey(KeyCard, null=True, on_delete=models.SET_NULL)
    card_uid = models.CharField(max_length=32)
    granted = models.BooleanField()
    reason = models.CharField(max_length=60, blank=True)
    occurred_at = models.DateTimeField(db_index=True)
    raw = models.JSONField(default=dict)

    class Meta:
        db_table = "door_logs"
        ordering = ["-occurred_at"]
