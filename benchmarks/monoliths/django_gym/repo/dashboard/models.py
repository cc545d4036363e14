from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from common.models import TimeStampedModel


class Trainer(TimeStampedModel):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL)
    club = models.ForeignKey("core.Club", related_name="trainers", on_delete=models.PROTECT)
    display_name = models.CharField(max_length=80)
    bio = models.TextField(blank=True)
    photo = models.ImageField(upload_to="trainers/", blank=True)
    hourly_rate = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal("40.00"))
    commission_pct = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    self_employed = models.BooleanField(default=True)  # pays rent instead of salary
    monthly_rent = models.DecimalField(max_digits=7, decimal_places=2, default=0)
    specialities = models.ManyToManyField("common.ClassType", blank=True)
    teaches_classes = models.BooleanField(default=False)
    active = models.BooleanField(default=True)

    def __str__(self):
        return self.display_name

    def commission_rate(self):
        return Decimal(self.commission_pct or settings.PT_DEFAULT_COMMISSION)


class TrainerAvailability(models.Model):
    trainer = models.ForeignKey(Trainer, related_name="availability", on_delete=models.CASCADE)
    weekday = models.PositiveSmallIntegerField()
    start = models.TimeField()
    end = models.TimeField()

    class Meta:
        db_table = "trainer_availability"


class PTPackage(models.Model):
    member = models.ForeignKey("core.Member", related_name="pt_packages", on_delete=models.CASCADE)
    trainer = models.ForeignKey(Trainer, related_name="packages", on_delete=models.PROTECT)
    sessions_total = models.PositiveIntegerField(default=10)
    sessions_used = models.PositiveIntegerField(default=0)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    purchased = models.DateTimeField(default=timezone.now)
    expires = models.DateField(null=True, blank=True)
    invoice = models.ForeignKey("core.Invoice", null=True, blank=True, on_delete=models.SET_NULL)

    @property
    def remaining(self):
        return max(self.sessions_total - self.sessions_used, 0)


class PTSession(models.Model):
    STATUS = (("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled"),
              ("no_show", "No show"))
    package = models.ForeignKey(PTPackage, related_name="sessions", null=True, blank=True,
                                on_delete=models.SET_NULL)
    trainer = models.ForeignKey(Trainer, related_name="pt_sessions", on_delete=models.CASCADE)
    member = models.ForeignKey("core.Member", on_delete=models.CASCADE)
    starts_at = models.DateTimeField()
    minutes = models.PositiveIntegerField(default=60)
    status = models.CharField(max_length=10, choices=STATUS, default="planned")
    notes = models.TextField(blank=True)
    paid_to_trainer = models.BooleanField(default=False)


# ------------------------------------------------------------------ marketing


class Campaign(models.Model):
    name = models.CharField(max_length=100)
    channel = models.CharField(max_length=5, default="email")
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    target_plans = models.ManyToManyField("core.MembershipPlan", blank=True)
    target_club = models.ForeignKey("core.Club", null=True, blank=True, on_delete=models.SET_NULL)
    include_lapsed = models.BooleanField(default=False)
    scheduled_for = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)


class Lead(TimeStampedModel):
    name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    club = models.ForeignKey("core.Club", null=True, on_delete=models.SET_NULL)
    source = models.CharField(max_length=30, default="website")  # website / walk-in / referral
    status = models.CharField(max_length=12, default="new")
    converted_member = models.ForeignKey("core.Member", null=True, blank=True,
                                         on_delete=models.SET_NULL)
    follow_up_on = models.DateField(null=True, blank=True)
