from django.conf import settings
from django.db import models
from django.utils import timezone

from common.models import SoftDeleteModel, TimeStampedModel


class Category(models.Model):
    name = models.CharField(max_length=60)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name


class Promoter(TimeStampedModel):
    company_name = models.CharField(max_length=150)
    contact_email = models.EmailField()
    vat_number = models.CharField(max_length=20, blank=True)
    bank_sort_code = models.CharField(max_length=8, blank=True)
    bank_account = models.CharField(max_length=12, blank=True)
    users = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="promoters")
    is_active = models.BooleanField(default=True)

    def __str__(self):
        return self.company_name


class PromoterContract(models.Model):
    promoter = models.ForeignKey(Promoter, on_delete=models.CASCADE, related_name="contracts")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    fee_percent = models.DecimalField(max_digits=5, decimal_places=2, default=10)
    per_ticket_fee_pence = models.PositiveIntegerField(default=0)
    settlement_days = models.PositiveSmallIntegerField(default=14)

    def __str__(self):
        return f"{self.promoter} from {self.starts_on}"


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status="published", deleted_at__isnull=True)

    def on_sale(self):
        return self.published().filter(performances__starts_at__gte=timezone.now()).distinct()


class Event(TimeStampedModel, SoftDeleteModel):
    STATUS = [("draft", "Draft"), ("published", "Published"), ("cancelled", "Cancelled")]

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=STATUS, default="draft")
    promoter = models.ForeignKey(Promoter, on_delete=models.PROTECT, related_name="events")
    venue = models.ForeignKey("venues.Venue", on_delete=models.PROTECT, related_name="events")
    categories = models.ManyToManyField(Category, blank=True)
    age_limit = models.PositiveSmallIntegerField(default=0)
    poster = models.URLField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = EventQuerySet.as_manager()

    def __str__(self):
        return self.title


class Performance(TimeStampedModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="performances")
    hall = models.ForeignKey("venues.Hall", on_delete=models.PROTECT, related_name="performances")
    starts_at = models.DateTimeField()
    doors_open_at = models.DateTimeField(null=True, blank=True)
    on_sale_from = models.DateTimeField(null=True, blank=True)
    is_cancelled = models.BooleanField(default=False)
    max_tickets_per_order = models.PositiveSmallIntegerField(default=8)

    class Meta:
        db_table = "performances"
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.event.title} @ {self.starts_at:%Y-%m-%d %H:%M}"

    def is_on_sale(self):
        now = timezone.now()
        if self.is_cancelled or self.starts_at <= now:
            return False
        return self.on_sale_from is None or self.on_sale_from <= now
