from django.conf import settings
from django.db import models

from common.models import TimeStampedModel


class Vendor(models.Model):
    name = models.CharField(max_length=120)
    trade = models.CharField(max_length=40)  # plumbing, hvac, cleaning, it ...
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    sla_hours = models.PositiveIntegerField(default=48)


class Asset(TimeStampedModel):
    location = models.ForeignKey("core.Location", on_delete=models.CASCADE, related_name="assets")
    name = models.CharField(max_length=120)
    tag = models.CharField(max_length=30, unique=True)
    category = models.CharField(max_length=40)
    room = models.ForeignKey("members.MeetingRoom", null=True, blank=True, on_delete=models.SET_NULL)
    installed_on = models.DateField(null=True, blank=True)
    service_interval_days = models.PositiveIntegerField(null=True, blank=True)
    last_serviced_on = models.DateField(null=True, blank=True)


class MaintenanceTicket(TimeStampedModel):
    OPEN, ASSIGNED, WAITING, DONE = "open", "assigned", "waiting", "done"
    PRIORITIES = [(1, "Urgent"), (2, "High"), (3, "Normal"), (4, "Low")]
    CATEGORIES = [("hvac", "Heating / aircon"), ("plumbing", "Plumbing"), ("electrical", "Electrical"),
                  ("it", "Wifi / IT"), ("furniture", "Furniture"), ("cleaning", "Cleaning"), ("other", "Other")]
    location = models.ForeignKey("core.Location", on_delete=models.CASCADE)
    asset = models.ForeignKey(Asset, null=True, blank=True, on_delete=models.SET_NULL)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reported_by_member = models.ForeignKey("members.Member", null=True, blank=True, on_delete=models.SET_NULL)
    category = models.CharField(max_length=20, choices=CATEGORIES)
    title = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    floor = models.CharField(max_length=10, blank=True)
    priority = models.PositiveSmallIntegerField(choices=PRIORITIES, default=3)
    status = models.CharField(max_length=10, default=OPEN)
    vendor = models.ForeignKey(Vendor, null=True, blank=True, on_delete=models.SET_NULL)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    photo = models.ImageField(upload_to="tickets/", blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    escalated = models.BooleanField(default=False)


class TicketComment(TimeStampedModel):
    ticket = models.ForeignKey(MaintenanceTicket, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    body = models.TextField()
    internal = models.BooleanField(default=True)
