# Models inherited from the "FitDesk" system we bought in 2017. Table names kept so the
# door controllers' firmware (which writes straight into tbl_checkin) keeps working.
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone


class AccessPoint(models.Model):
    KINDS = (("door", "Door"), ("turnstile", "Turnstile"), ("kiosk", "Kiosk"))
    club = models.ForeignKey("core.Club", related_name="access_points", on_delete=models.CASCADE)
    name = models.CharField(max_length=40)
    kind = models.CharField(max_length=10, choices=KINDS, default="turnstile")
    controller_ip = models.GenericIPAddressField(null=True, blank=True)
    controller_serial = models.CharField(max_length=30, blank=True)
    is_entry = models.BooleanField(default=True)
    last_seen = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return "%s %s" % (self.club.code, self.name)


class DoorCard(models.Model):
    member = models.ForeignKey("core.Member", related_name="cards", on_delete=models.CASCADE)
    uid = models.CharField(max_length=20, unique=True)  # hex from the fob
    issued = models.DateTimeField(default=timezone.now)
    active = models.BooleanField(default=True)
    lost = models.BooleanField(default=False)
    deposit_paid = models.BooleanField(default=False)

    class Meta:
        db_table = "tbl_doorcard"


class CheckIn(models.Model):
    member = models.ForeignKey("core.Member", related_name="checkins", on_delete=models.CASCADE)
    club = models.ForeignKey("core.Club", on_delete=models.CASCADE)
    card = models.ForeignKey(DoorCard, null=True, blank=True, on_delete=models.SET_NULL)
    access_point = models.ForeignKey(AccessPoint, null=True, blank=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    left_at = models.DateTimeField(null=True, blank=True)
    method = models.CharField(max_length=10, default="card")  # card / qr / desk / app
    granted = models.BooleanField(default=True)
    deny_reason = models.CharField(max_length=60, blank=True)

    class Meta:
        db_table = "tbl_checkin"
        ordering = ["-at"]


class GuestPass(models.Model):
    host = models.ForeignKey("core.Member", related_name="guest_passes", on_delete=models.CASCADE)
    club = models.ForeignKey("core.Club", on_delete=models.CASCADE)
    guest_name = models.CharField(max_length=100)
    guest_email = models.EmailField(blank=True)
    valid_on = models.DateField()
    code = models.CharField(max_length=10, unique=True)
    used_at = models.DateTimeField(null=True, blank=True)


# ---------------------------------------------------------------------- shop


class Product(models.Model):
    sku = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=100)
    category = models.CharField(max_length=30, default="drinks")
    price = models.DecimalField(max_digits=7, decimal_places=2)
    cost = models.DecimalField(max_digits=7, decimal_places=2, default=0)
    vat_rate = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("0.20"))
    barcode = models.CharField(max_length=20, blank=True, db_index=True)
    active = models.BooleanField(default=True)

    class Meta:
        db_table = "pos_product"

    def __str__(self):
        return self.name


class StockLevel(models.Model):
    product = models.ForeignKey(Product, related_name="stock", on_delete=models.CASCADE)
    club = models.ForeignKey("core.Club", on_delete=models.CASCADE)
    qty = models.IntegerField(default=0)
    reorder_at = models.IntegerField(default=5)

    class Meta:
        db_table = "pos_stock"
        unique_together = [("product", "club")]


class Sale(models.Model):
    club = models.ForeignKey("core.Club", on_delete=models.PROTECT)
    member = models.ForeignKey("core.Member", null=True, blank=True, on_delete=models.SET_NULL)
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(default=timezone.now)
    total = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    paid_by = models.CharField(max_length=10, default="card")  # card / cash / account
    invoice = models.ForeignKey("core.Invoice", null=True, blank=True, on_delete=models.SET_NULL)
    voided = models.BooleanField(default=False)


class SaleLine(models.Model):
    sale = models.ForeignKey(Sale, related_name="lines", on_delete=models.CASCADE)
    product = models.ForeignKey(Product, on_delete=models.PROTECT)
    qty = models.IntegerField(default=1)
    unit_price = models.DecimalField(max_digits=7, decimal_places=2)


class StockMovement(models.Model):
    REASONS = (("sale", "Sale"), ("delivery", "Delivery"), ("count", "Stock take"),
               ("waste", "Waste"), ("transfer", "Transfer"))
    product = models.ForeignKey(Product, on_delete=models.CASCADE)
    club = models.ForeignKey("core.Club", on_delete=models.CASCADE)
    delta = models.IntegerField()
    reason = models.CharField(max_length=10, choices=REASONS)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    note = models.CharField(max_length=200, blank=True)
