from django.conf import settings
from django.db import models

from common.models import TimeStampedModel


class Event(TimeStampedModel):
    location = models.ForeignKey("core.Location", on_delete=models.CASCADE, related_name="events")
    title = models.CharField(max_length=150)
    slug = models.SlugField(unique=True)
    description = models.TextField()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    capacity = models.PositiveIntegerField(null=True, blank=True)
    price = models.DecimalField(max_digits=7, decimal_places=2, default=0)
    members_only = models.BooleanField(default=True)
    room_booking = models.ForeignKey("members.RoomBooking", null=True, blank=True, on_delete=models.SET_NULL)
    host = models.ForeignKey("members.Member", null=True, blank=True, on_delete=models.SET_NULL)
    organiser = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    published = models.BooleanField(default=False)
    cover = models.ImageField(upload_to="events/", blank=True)


class EventRSVP(TimeStampedModel):
    GOING, WAITLIST, CANCELLED = "going", "waitlist", "cancelled"
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    member = models.ForeignKey("members.Member", null=True, blank=True, on_delete=models.CASCADE)
    guest_name = models.CharField(max_length=120, blank=True)
    guest_email = models.EmailField(blank=True)
    status = models.CharField(max_length=10, default=GOING)
    attended = models.BooleanField(default=False)

    class Meta:
        unique_together = ("event", "member")


class Announcement(TimeStampedModel):
    location = models.ForeignKey("core.Location", null=True, blank=True, on_delete=models.CASCADE)
    title = models.CharField(max_length=150)
    body = models.TextField()
    pinned = models.BooleanField(default=False)
    publish_at = models.DateTimeField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
