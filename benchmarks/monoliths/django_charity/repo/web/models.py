from django.conf import settings
from django.db import models
from django.utils import timezone

from utils.models import TimeStampedModel


class SupporterAccount(models.Model):
    """Self-service 'My Giving' login for supporters."""
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    supporter = models.OneToOneField("core.Supporter", on_delete=models.CASCADE)
    verified = models.BooleanField(default=False)
    last_seen = models.DateTimeField(null=True, blank=True)


class DonationPage(TimeStampedModel):
    campaign = models.ForeignKey("core.Campaign", on_delete=models.CASCADE)
    slug = models.SlugField(unique=True)
    headline = models.CharField(max_length=200)
    body = models.TextField()
    suggested_amounts = models.CharField(max_length=60, default="10,25,50")
    hero_image = models.CharField(max_length=200, blank=True)
    show_total = models.BooleanField(default=True)
    live = models.BooleanField(default=False)

    def amounts(self):
        return [int(a) for a in self.suggested_amounts.split(",") if a.strip().isdigit()]


class Product(TimeStampedModel):
    sku = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    weight_g = models.PositiveIntegerField(default=250)
    vat_rate = models.DecimalField(max_digits=4, decimal_places=2, default=20)
    active = models.BooleanField(default=True)

    def __str__(self):
        return self.name


class ProductVariant(models.Model):
    product = models.ForeignKey(Product, related_name="variants", on_delete=models.CASCADE)
    label = models.CharField(max_length=40)  # "M", "Red / L"
    sku_suffix = models.CharField(max_length=10, blank=True)
    stock = models.IntegerField(default=0)
    reorder_level = models.IntegerField(default=5)


class Order(models.Model):
    STATUS = (("basket", "Basket"), ("paid", "Paid"), ("picked", "Picked"),
              ("dispatched", "Dispatched"), ("cancelled", "Cancelled"), ("refunded", "Refunded"))
    supporter = models.ForeignKey("core.Supporter", null=True, blank=True, on_delete=models.SET_NULL)
    session_key = models.CharField(max_length=40, blank=True, db_index=True)
    status = models.CharField(max_length=10, choices=STATUS, default="basket")
    placed = models.DateTimeField(null=True, blank=True)
    subtotal = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    shipping = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    payment_ref = models.CharField(max_length=64, blank=True)
    ship_name = models.CharField(max_length=120, blank=True)
    ship_address = models.TextField(blank=True)
    ship_postcode = models.CharField(max_length=10, blank=True)
    tracking_no = models.CharField(max_length=40, blank=True)


class OrderLine(models.Model):
    order = models.ForeignKey(Order, related_name="lines", on_delete=models.CASCADE)
    variant = models.ForeignKey(ProductVariant, on_delete=models.PROTECT)
    qty = models.PositiveIntegerField(default=1)
    unit_price = models.DecimalField(max_digits=8, decimal_places=2)

    def line_total(self):
        return self.unit_price * self.qty


class StockMovement(models.Model):
    variant = models.ForeignKey(ProductVariant, on_delete=models.CASCADE)
    change = models.IntegerField()
    reason = models.CharField(max_length=40)  # sale, delivery, return, stocktake
    order = models.ForeignKey(Order, null=True, blank=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(default=timezone.now)
