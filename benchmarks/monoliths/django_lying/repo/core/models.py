from django.conf import settings
from django.db import models
from django.utils import timezone

from common.models import TimeStampedModel
from common.utils import format_money


class Category(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(unique=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True)

    def __str__(self):
        return self.name


class Course(TimeStampedModel):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"
    STATUSES = ((DRAFT, "Draft"), (PUBLISHED, "Published"), (ARCHIVED, "Archived"))

    LEVELS = (("beginner", "Beginner"), ("intermediate", "Intermediate"), ("advanced", "Advanced"))

    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    summary = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    category = models.ForeignKey("core.Category", null=True, on_delete=models.SET_NULL)
    instructor = models.ForeignKey(
        "common.Member", on_delete=models.PROTECT, related_name="courses_taught"
    )
    tags = models.ManyToManyField("core.Tag", blank=True)
    level = models.CharField(max_length=20, choices=LEVELS, default="beginner")
    status = models.CharField(max_length=20, choices=STATUSES, default=DRAFT)
    price_cents = models.PositiveIntegerField(default=0)
    included_in_subscription = models.BooleanField(default=True)
    duration_minutes = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(null=True, blank=True)
    rating_avg = models.DecimalField(max_digits=3, decimal_places=2, default=0)

    def __str__(self):
        return self.title

    @property
    def is_free(self):
        return self.price_cents == 0

    def price_display(self):
        if self.is_free:
            return "Free"
        return format_money(self.price_cents)

    def publish(self):
        self.status = self.PUBLISHED
        self.published_at = self.published_at or timezone.now()
        self.save(update_fields=["status", "published_at", "updated_at"])


class PublishedCourse(Course):
    class Meta:
        proxy = True

    class PublishedManager(models.Manager):
        def get_queryset(self):
            return super().get_queryset().filter(status=Course.PUBLISHED)

    objects = PublishedManager()


class Plan(models.Model):
    code = models.CharField(max_length=30, unique=True)
    name = models.CharField(max_length=100)
    price_cents = models.PositiveIntegerField()
    interval = models.CharField(max_length=10, default="month")
    stripe_price_id = models.CharField(max_length=64, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        db_table = "billing_plan"

    def __str__(self):
        return "%s (%s/%s)" % (self.name, format_money(self.price_cents), self.interval)


class Subscription(TimeStampedModel):
    ACTIVE = "active"
    PAST_DUE = "past_due"
    CANCELED = "canceled"
    EXPIRED = "expired"

    user = models.ForeignKey("common.Member", on_delete=models.CASCADE)
    plan = models.ForeignKey("core.Plan", on_delete=models.PROTECT)
    status = models.CharField(max_length=20, default=ACTIVE)
    current_period_end = models.DateTimeField()
    cancel_at_period_end = models.BooleanField(default=False)
    stripe_subscription_id = models.CharField(max_length=64, blank=True)

    def is_active(self):
        return self.status == self.ACTIVE and self.current_period_end >= timezone.now()


class Coupon(models.Model):
    code = models.CharField(max_length=40, unique=True)
    percent_off = models.PositiveIntegerField(null=True, blank=True)
    amount_off_cents = models.PositiveIntegerField(null=True, blank=True)
    courses = models.ManyToManyField("core.Course", blank=True)
    max_redemptions = models.PositiveIntegerField(null=True, blank=True)
    times_redeemed = models.PositiveIntegerField(default=0)
    valid_until = models.DateTimeField(null=True, blank=True)

    def discount_for(self, amount_cents):
        if self.percent_off:
            return amount_cents * self.percent_off // 100
        return min(self.amount_off_cents or 0, amount_cents)


class Payment(TimeStampedModel):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    REFUNDED = "refunded"

    user = models.ForeignKey("common.Member", on_delete=models.PROTECT)
    course = models.ForeignKey("core.Course", null=True, blank=True, on_delete=models.SET_NULL)
    subscription = models.ForeignKey(
        "core.Subscription", null=True, blank=True, on_delete=models.SET_NULL
    )
    coupon = models.ForeignKey("core.Coupon", null=True, blank=True, on_delete=models.SET_NULL)
    amount_cents = models.PositiveIntegerField()
    vat_cents = models.PositiveIntegerField(default=0)
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    status = models.CharField(max_length=20, default=PENDING)
    stripe_intent_id = models.CharField(max_length=64, blank=True, db_index=True)
    failure_reason = models.CharField(max_length=255, blank=True)

    class Meta:
        db_table = "payments"
        ordering = ["-created_at"]

    def total_display(self):
        return format_money(self.amount_cents + self.vat_cents, self.currency)
