from django.conf import settings
from django.db import models

from common.models import TimeStampedModel


class Visitor(TimeStampedModel):
    name = models.CharField(max_length=120)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    company = models.CharField(max_length=120, blank=True)
    nda_signed_at = models.DateTimeField(null=True, blank=True)
    banned = models.BooleanField(default=False)


class Visit(TimeStampedModel):
    EXPECTED, ON_SITE, LEFT, NO_SHOW = "expected", "onsite", "left", "noshow"
    visitor = models.ForeignKey(Visitor, on_delete=models.CASCADE, related_name="visits")
    host = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="hosted_visits")
    location = models.ForeignKey("core.Location", on_delete=models.CASCADE)
    expected_at = models.DateTimeField()
    arrived_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, default=EXPECTED)
    purpose = models.CharField(max_length=120, blank=True)
    day_pass = models.BooleanField(default=False)  # guest working from the space all day
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)


class Parcel(TimeStampedModel):
    recipient = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="parcels")
    location = models.ForeignKey("core.Location", on_delete=models.CASCADE)
    carrier = models.CharField(max_length=40, blank=True)
    tracking = models.CharField(max_length=60, blank=True)
    shelf = models.CharField(max_length=10, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    collected_at = models.DateTimeField(null=True, blank=True)
    notified = models.BooleanField(default=False)
