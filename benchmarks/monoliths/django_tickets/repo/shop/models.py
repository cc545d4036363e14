from django.conf import settings
from django.db import models
from django.utils import timezone

from common.models import AddressFields, TimeStampedModel


class Customer(TimeStampedModel, AddressFields):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    email = models.EmailField(db_index=True)
    first_name = models.CharField(max_length=80, blank=True)
    last_name = models.CharField(max_length=80, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    marketing_opt_in = models.BooleanField(default=False)

    def __str__(self):
        return self.email

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip() or self.email


class PromoCode(models.Model):
    code = models.CharField(max_length=30, unique=True)
    campaign = models.ForeignKey("marketing.Campaign", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="promo_codes")
    percent_off = models.PositiveSmallIntegerField(default=0)
    amount_off_pence = models.PositiveIntegerField(default=0)
    valid_from = models.DateTimeField(null=True, blank=True)
    valid_until = models.DateTimeField(null=True, blank=True)
    max_uses = models.PositiveIntegerField(null=True, blank=True)
    times_used = models.PositiveIntegerField(default=0)
    events = models.ManyToManyField("core.Event", blank=True)

    def __str__(self):
        return self.code


class Order(TimeStampedModel):
    STATUS = [("pending", "Pending"), ("paid", "Paid"), ("cancelled", "Cancelled"),
              ("refunded", "Refunded"), ("expired", "Expired")]
    CHANNELS = [("web", "Web"), ("counter", "Box office"), ("api", "Partner API")]

    reference = models.CharField(max_length=12, unique=True)
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="orders")
    status = models.CharField(max_length=10, choices=STATUS, default="pending")
    channel = models.CharField(max_length=10, choices=CHANNELS, default="web")
    promo_code = models.ForeignKey(PromoCode, null=True, blank=True, on_delete=models.SET_NULL)
    hold_token = models.CharField(max_length=32, blank=True)
    subtotal_pence = models.IntegerField(default=0)
    discount_pence = models.IntegerField(default=0)
    fees_pence = models.IntegerField(default=0)
    total_pence = models.IntegerField(default=0)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "orders"
        ordering = ["-created_at"]

    def __str__(self):
        return self.reference

    def is_expired(self):
        age = timezone.now() - self.created_at
        return self.status == "pending" and age.total_seconds() > settings.PENDING_ORDER_TTL_MINUTES * 60


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    performance = models.ForeignKey("core.Performance", on_delete=models.PROTECT, related_name="order_lines")
    inventory = models.ForeignKey("boxoffice.PerformanceSeat", null=True, blank=True, on_delete=models.SET_NULL)
    zone = models.ForeignKey("boxoffice.PriceZone", null=True, blank=True, on_delete=models.SET_NULL)
    description = models.CharField(max_length=200)
    price_pence = models.PositiveIntegerField()


class Ticket(models.Model):
    STATUS = [("valid", "Valid"), ("used", "Used"), ("refunded", "Refunded"), ("void", "Void")]

    line = models.OneToOneField(OrderLine, on_delete=models.CASCADE, related_name="ticket")
    barcode = models.CharField(max_length=40, unique=True)
    holder_name = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=10, choices=STATUS, default="valid")
    issued_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.barcode


class Payment(TimeStampedModel):
    STATUS = [("initiated", "Initiated"), ("authorised", "Authorised"), ("captured", "Captured"),
              ("failed", "Failed"), ("refunded", "Refunded"), ("partially_refunded", "Partially refunded")]
    METHODS = [("card", "Card"), ("cash", "Cash"), ("voucher", "Gift voucher")]

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="payments")
    method = models.CharField(max_length=10, choices=METHODS, default="card")
    status = models.CharField(max_length=20, choices=STATUS, default="initiated")
    amount_pence = models.IntegerField()
    gateway_ref = models.CharField(max_length=64, blank=True, db_index=True)
    card_last4 = models.CharField(max_length=4, blank=True)
    failure_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        db_table = "payments_transaction"

    def refundable_pence(self):
        done = sum(r.amount_pence for r in self.refunds.exclude(status="failed"))
        return max(self.amount_pence - done, 0)


class Refund(TimeStampedModel):
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    tickets = models.ManyToManyField(Ticket, blank=True)
    amount_pence = models.IntegerField()
    reason = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, default="pending")
    gateway_ref = models.CharField(max_length=64, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)


class GatewayEvent(models.Model):
    event_id = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=60)
    payload = models.TextField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed = models.BooleanField(default=False)
