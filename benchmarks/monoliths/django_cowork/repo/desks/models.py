from django.db import models

from common.models import TimeStampedModel


class Desk(TimeStampedModel):
    HOT, DEDICATED = "hot", "dedicated"
    location = models.ForeignKey("core.Location", on_delete=models.CASCADE, related_name="desks")
    label = models.CharField(max_length=20)  # e.g. "2F-14"
    floor = models.CharField(max_length=10, blank=True)
    zone = models.CharField(max_length=30, blank=True)  # quiet / phone / window
    kind = models.CharField(max_length=10, choices=[(HOT, "Hot desk"), (DEDICATED, "Dedicated")], default=HOT)
    assigned_to = models.ForeignKey("members.Member", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="dedicated_desks")
    x = models.IntegerField(default=0)
    y = models.IntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        unique_together = ("location", "label")


class DeskBooking(TimeStampedModel):
    desk = models.ForeignKey(Desk, on_delete=models.CASCADE, related_name="bookings")
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="desk_bookings")
    date = models.DateField()
    half_day = models.CharField(max_length=2, blank=True)  # "", "am", "pm"
    cancelled = models.BooleanField(default=False)

    class Meta:
        unique_together = ("desk", "date", "half_day")


class DeskCheckin(models.Model):
    booking = models.OneToOneField(DeskBooking, null=True, blank=True, on_delete=models.SET_NULL)
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE)
    location = models.ForeignKey("core.Location", on_delete=models.CASCADE)
    checked_in_at = models.DateTimeField(auto_now_add=True)
    checked_out_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=10, default="app")  # app / door / kiosk
