"""Tenant-facing portal ("MyKeystone")."""
from django.db import models

from common.models import TimeStampedModel


class Applicant(TimeStampedModel):
    STATUS = [("new", "New"), ("screening", "Screening"), ("review", "Manual review"),
              ("approved", "Approved"), ("declined", "Declined"), ("converted", "Became tenant")]

    unit = models.ForeignKey("main.Unit", on_delete=models.CASCADE, related_name="applications")
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    email = models.EmailField()
    phone = models.CharField(max_length=30)
    annual_income_cents = models.PositiveIntegerField(default=0)
    employer = models.CharField(max_length=120, blank=True)
    move_in_date = models.DateField(null=True, blank=True)
    consent_to_screening = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=STATUS, default="new")
    tenant = models.OneToOneField("common.TenantProfile", null=True, blank=True, on_delete=models.SET_NULL)


class ServiceRequest(TimeStampedModel):
    CATEGORIES = [("plumbing", "Plumbing"), ("electrical", "Electrical"), ("hvac", "Heating / AC"),
                  ("appliance", "Appliance"), ("pest", "Pests"), ("other", "Other")]

    tenant = models.ForeignKey("common.TenantProfile", on_delete=models.CASCADE, related_name="service_requests")
    unit = models.ForeignKey("main.Unit", on_delete=models.CASCADE)
    category = models.CharField(max_length=12, choices=CATEGORIES)
    description = models.TextField()
    permission_to_enter = models.BooleanField(default=True)
    photo = models.ImageField(upload_to="requests/%Y/%m/", blank=True)
    status = models.CharField(max_length=10, default="new")


class Notice(TimeStampedModel):
    AUDIENCE = [("building", "Whole building"), ("single", "Single tenant"), ("all", "Everyone")]

    template = models.ForeignKey("common.MessageTemplate", null=True, blank=True, on_delete=models.SET_NULL)
    building = models.ForeignKey("main.Building", null=True, blank=True, on_delete=models.CASCADE)
    audience = models.CharField(max_length=10, choices=AUDIENCE, default="building")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    scheduled_for = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)


class NoticeDelivery(models.Model):
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="deliveries")
    tenant = models.ForeignKey("common.TenantProfile", on_delete=models.CASCADE)
    channel = models.CharField(max_length=10)
    status = models.CharField(max_length=10, default="queued")
    delivered_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
