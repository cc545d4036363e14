"""Things every app needs. (Also: whatever didn't fit anywhere else in 2019.)"""
from django.conf import settings
from django.db import models
from django.utils import timezone


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class SoftDeleteQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)


class SoftDeleteModel(models.Model):
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        abstract = True

    def delete(self, using=None, keep_parents=False):
        self.deleted_at = timezone.now()
        self.save(update_fields=["deleted_at"])


class TenantProfile(TimeStampedModel, SoftDeleteModel):
    CONTACT_CHOICES = [("email", "Email"), ("sms", "SMS"), ("post", "Post")]

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tenant_profile"
    )
    phone = models.CharField(max_length=30, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    emergency_contact_name = models.CharField(max_length=120, blank=True)
    emergency_contact_phone = models.CharField(max_length=30, blank=True)
    preferred_contact = models.CharField(max_length=10, choices=CONTACT_CHOICES, default="email")
    autopay_enabled = models.BooleanField(default=False)
    notes = models.TextField(blank=True)

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return self.user.get_full_name() or self.user.username


class ScreeningReport(models.Model):
    DECISIONS = [(d, d.title()) for d in ("pending", "approved", "conditional", "declined")]

    applicant = models.ForeignKey("portal.Applicant", on_delete=models.CASCADE, related_name="screenings")
    bureau = models.CharField(max_length=40, default="tu")
    bureau_reference = models.CharField(max_length=64, blank=True)
    credit_score = models.PositiveIntegerField(null=True, blank=True)
    eviction_records = models.PositiveIntegerField(default=0)
    criminal_flag = models.BooleanField(default=False)
    income_ratio = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    decision = models.CharField(max_length=20, choices=DECISIONS, default="pending")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    raw_payload = models.TextField(blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "screening_reports"
        ordering = ["-requested_at"]


class MessageTemplate(TimeStampedModel):
    CHANNELS = [("email", "Email"), ("sms", "SMS"), ("letter", "Letter")]

    code = models.SlugField(max_length=60, unique=True)
    channel = models.CharField(max_length=10, choices=CHANNELS, default="email")
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    active = models.BooleanField(default=True)

    def __str__(self):
        return self.code
