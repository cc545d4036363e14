from django.conf import settings
from django.db import models

from common.models import SoftDeleteModel, TimeStampedModel


class Amenity(models.Model):
    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)

    class Meta:
        verbose_name_plural = "amenities"

    def __str__(self):
        return self.name


class Building(TimeStampedModel, SoftDeleteModel):
    name = models.CharField(max_length=120)
    address_line = models.CharField(max_length=200)
    city = models.CharField(max_length=80, default="Chicago")
    postcode = models.CharField(max_length=10)
    year_built = models.PositiveIntegerField(null=True, blank=True)
    owner = models.ForeignKey("legacy.OwnerAccount", on_delete=models.PROTECT, related_name="buildings")
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="managed_buildings",
    )
    amenities = models.ManyToManyField(Amenity, blank=True)

    def __str__(self):
        return self.name


class UnitQuerySet(models.QuerySet):
    def vacant(self):
        return self.filter(status="vacant")


class Unit(TimeStampedModel):
    STATUS = [("vacant", "Vacant"), ("occupied", "Occupied"), ("notice", "On notice"), ("offline", "Offline")]

    building = models.ForeignKey(Building, on_delete=models.CASCADE, related_name="units")
    number = models.CharField(max_length=10)
    floor = models.IntegerField(default=1)
    bedrooms = models.PositiveSmallIntegerField(default=1)
    bathrooms = models.DecimalField(max_digits=3, decimal_places=1, default=1)
    square_feet = models.PositiveIntegerField(null=True, blank=True)
    market_rent_cents = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=STATUS, default="vacant")
    last_serviced_at = models.DateTimeField(null=True, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        unique_together = [("building", "number")]
        ordering = ["building", "number"]

    def __str__(self):
        return f"{self.building.name} #{self.number}"


class Vendor(TimeStampedModel):
    TRADES = [("plumbing", "Plumbing"), ("electrical", "Electrical"), ("hvac", "HVAC"),
              ("general", "General"), ("pest", "Pest control"), ("locksmith", "Locksmith")]

    name = models.CharField(max_length=120)
    trade = models.CharField(max_length=20, choices=TRADES)
    phone = models.CharField(max_length=30)
    email = models.EmailField(blank=True)
    hourly_rate_cents = models.PositiveIntegerField(default=0)
    insured_until = models.DateField(null=True, blank=True)
    is_preferred = models.BooleanField(default=False)

    def __str__(self):
        return self.name


class WorkOrder(TimeStampedModel):
    PRIORITY = [("low", "Low"), ("normal", "Normal"), ("high", "High"), ("emergency", "Emergency")]
    STATUS = [("open", "Open"), ("assigned", "Assigned"), ("in_progress", "In progress"),
              ("done", "Done"), ("cancelled", "Cancelled")]

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="work_orders")
    request = models.ForeignKey(
        "portal.ServiceRequest", null=True, blank=True, on_delete=models.SET_NULL, related_name="work_orders"
    )
    vendor = models.ForeignKey(Vendor, null=True, blank=True, on_delete=models.SET_NULL)
    trade = models.CharField(max_length=20, default="general")
    priority = models.CharField(max_length=10, choices=PRIORITY, default="normal")
    status = models.CharField(max_length=12, choices=STATUS, default="open")
    description = models.TextField()
    scheduled_for = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    cost_cents = models.PositiveIntegerField(default=0)
    billable_to_tenant = models.BooleanField(default=False)

    class Meta:
        db_table = "work_orders"
        ordering = ["-created_at"]


class WorkOrderNote(models.Model):
    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
