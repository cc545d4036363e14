import datetime
import random
import string
from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.db.models import Sum
from django.utils import timezone

from core.models import Patron, Performance, TimeStampedModel
from core.utils import money


class PriceBand(models.Model):
    performance = models.ForeignKey(Performance, related_name="price_bands", on_delete=models.CASCADE)
    section = models.ForeignKey("backoffice.SeatSection", null=True, blank=True, on_delete=models.SET_NULL)
    name = models.CharField(max_length=50)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    concession_price = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    under_26_price = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    is_member_only = models.BooleanField(default=False)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "-price"]

    def __str__(self):
        return "%s (%s)" % (self.name, self.price)

    def price_for(self, concession_type):
        if concession_type == "concession" and self.concession_price is not None:
            return self.concession_price
        if concession_type == "under26" and self.under_26_price is not None:
            return self.under_26_price
        return self.price


class Order(TimeStampedModel):
    PENDING = "pending"
    PAID = "paid"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"
    PART_REFUNDED = "part_refunded"
    STATUS_CHOICES = (
        (PENDING, "Pending"),
        (PAID, "Paid"),
        (CANCELLED, "Cancelled"),
        (REFUNDED, "Refunded"),
        (PART_REFUNDED, "Part refunded"),
    )
    CHANNELS = (("web", "Web"), ("box_office", "Box office"), ("phone", "Phone"), ("api", "Partner API"))

    reference = models.CharField(max_length=20, unique=True)
    patron = models.ForeignKey(Patron, null=True, blank=True, related_name="orders", on_delete=models.SET_NULL)
    channel = models.CharField(max_length=20, choices=CHANNELS, default="web")
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=PENDING, db_index=True)
    total = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0.00"))
    booking_fee = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal("0.00"))
    discount_code = models.ForeignKey("shop.DiscountCode", null=True, blank=True, on_delete=models.SET_NULL)
    discount_amount = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("0.00"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    till_session = models.ForeignKey("backoffice.TillSession", null=True, blank=True, on_delete=models.SET_NULL)
    paid_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return self.reference

    def ticket_total(self):
        return self.tickets.exclude(status=Ticket.CANCELLED).aggregate(t=Sum("price"))["t"] or Decimal("0.00")

    def donation_total(self):
        # donations added at checkout live in shop
        return self.donations.aggregate(t=Sum("amount"))["t"] or Decimal("0.00")

    def recalculate_total(self, save=True):
        total = self.ticket_total() + self.booking_fee + self.donation_total() - self.discount_amount
        self.total = money(max(total, Decimal("0.00")))
        if save:
            self.save(update_fields=["total", "modified"])
        return self.total

    def amount_paid(self):
        return self.payments.filter(status="captured").aggregate(t=Sum("amount"))["t"] or Decimal("0.00")

    def balance_due(self):
        return money(self.total - self.amount_paid())

    def ticket_count(self):
        return self.tickets.filter(status__in=Ticket.LIVE_STATUSES).count()

    def mark_paid(self):
        with transaction.atomic():
            self.status = self.PAID
            self.paid_at = timezone.now()
            self.save(update_fields=["status", "paid_at", "modified"])
            SeatHold.objects.filter(
                performance__in=self.tickets.values("performance"), seat__in=self.tickets.values("seat")
            ).delete()

    @classmethod
    def next_reference(cls):
        alphabet = string.ascii_uppercase.replace("O", "").replace("I", "") + "23456789"
        while True:
            ref = settings.ORDER_REFERENCE_PREFIX + "".join(random.choice(alphabet) for _ in range(7))
            if not cls.objects.filter(reference=ref).exists():
                return ref


class Ticket(models.Model):
    VALID = "valid"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"
    SCANNED = "scanned"
    EXCHANGED = "exchanged"
    STATUS_CHOICES = (
        (VALID, "Valid"),
        (CANCELLED, "Cancelled"),
        (REFUNDED, "Refunded"),
        (SCANNED, "Scanned"),
        (EXCHANGED, "Exchanged"),
    )
    LIVE_STATUSES = (VALID, SCANNED)
    CONCESSIONS = (("full", "Full price"), ("concession", "Concession"), ("under26", "Under 26"), ("comp", "Complimentary"), ("member", "Member"))

    order = models.ForeignKey(Order, related_name="tickets", on_delete=models.CASCADE)
    performance = models.ForeignKey(Performance, related_name="tickets", on_delete=models.PROTECT)
    seat = models.ForeignKey("backoffice.Seat", null=True, blank=True, on_delete=models.PROTECT)
    price_band = models.ForeignKey(PriceBand, null=True, blank=True, on_delete=models.SET_NULL)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    concession_type = models.CharField(max_length=20, choices=CONCESSIONS, default="full")
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=VALID)
    barcode = models.CharField(max_length=32, unique=True)
    scanned_at = models.DateTimeField(null=True, blank=True)
    exchanged_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL)

    def __str__(self):
        return "%s / %s" % (self.order.reference, self.seat or "unreserved")

    def save(self, *args, **kwargs):
        if not self.barcode:
            self.barcode = "".join(random.choice(string.digits) for _ in range(16))
        super().save(*args, **kwargs)

    def scan(self):
        if self.status != self.VALID:
            return False
        self.status = self.SCANNED
        self.scanned_at = timezone.now()
        self.save(update_fields=["status", "scanned_at"])
        return True


class SeatHold(models.Model):
    REASONS = (("checkout", "Checkout"), ("house", "House seat"), ("wheelchair", "Wheelchair"), ("press", "Press"), ("kill", "Production kill"))

    performance = models.ForeignKey(Performance, related_name="holds", on_delete=models.CASCADE)
    seat = models.ForeignKey("backoffice.Seat", on_delete=models.CASCADE)
    basket = models.ForeignKey("shop.Basket", null=True, blank=True, related_name="holds", on_delete=models.CASCADE)
    reason = models.CharField(max_length=20, choices=REASONS, default="checkout")
    held_until = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        unique_together = ("performance", "seat")

    @property
    def is_expired(self):
        return self.held_until is not None and self.held_until < timezone.now()

    @classmethod
    def default_expiry(cls):
        return timezone.now() + datetime.timedelta(minutes=settings.SEAT_HOLD_MINUTES)


class Refund(TimeStampedModel):
    order = models.ForeignKey(Order, related_name="refunds", on_delete=models.PROTECT)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    reason = models.CharField(max_length=200)
    tickets_cancelled = models.PositiveIntegerField(default=0)
    processed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    payment = models.ForeignKey("shop.Payment", null=True, blank=True, on_delete=models.SET_NULL)
    to_credit = models.BooleanField(default=False, help_text="Refunded to account credit instead of card")

    class Meta:
        db_table = "ticket_refund"


class PerformanceChange(models.Model):
    """Audit trail for schedule changes - the GM wanted this after the panto mix-up."""

    performance = models.ForeignKey(Performance, related_name="changes", on_delete=models.CASCADE)
    changed_at = models.DateTimeField(default=timezone.now)
    field = models.CharField(max_length=50)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)
    changed_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-changed_at"]


class MembershipTier(models.Model):
    name = models.CharField(max_length=50)
    code = models.CharField(max_length=10, unique=True)
    annual_fee = models.DecimalField(max_digits=8, decimal_places=2)
    joint_fee = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    ticket_discount_pct = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0"))
    priority_booking_days = models.PositiveIntegerField(default=0)
    free_exchanges = models.PositiveIntegerField(default=0)
    max_discounted_per_performance = models.PositiveIntegerField(default=2)
    booking_fee_waived = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)

    def __str__(self):
        return self.name


class Membership(TimeStampedModel):
    ACTIVE = "active"
    LAPSED = "lapsed"
    CANCELLED = "cancelled"
    PENDING = "pending"
    STATUS_CHOICES = ((PENDING, "Pending payment"), (ACTIVE, "Active"), (LAPSED, "Lapsed"), (CANCELLED, "Cancelled"))

    number = models.CharField(max_length=12, unique=True)
    patron = models.ForeignKey(Patron, related_name="memberships", on_delete=models.PROTECT)
    joint_patron = models.ForeignKey(Patron, null=True, blank=True, related_name="joint_memberships", on_delete=models.SET_NULL)
    tier = models.ForeignKey(MembershipTier, on_delete=models.PROTECT)
    starts_on = models.DateField()
    expires_on = models.DateField(db_index=True)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=PENDING)
    auto_renew = models.BooleanField(default=False)
    order = models.ForeignKey(Order, null=True, blank=True, on_delete=models.SET_NULL, help_text="Order the fee was paid on")
    exchanges_used = models.PositiveIntegerField(default=0)
    gift_from = models.ForeignKey(Patron, null=True, blank=True, related_name="gifted_memberships", on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-expires_on"]

    def __str__(self):
        return "%s (%s)" % (self.number, self.tier.name)

    def is_active(self, on=None):
        on = on or timezone.localdate()
        return self.status == self.ACTIVE and self.starts_on <= on <= self.expires_on

    def days_to_expiry(self):
        return (self.expires_on - timezone.localdate()).days

    def discount_for(self, price):
        pct = self.tier.ticket_discount_pct or Decimal("0")
        return money(Decimal(price) * pct / Decimal("100"))

    def can_exchange(self):
        return self.exchanges_used < self.tier.free_exchanges

    def renew(self, order=None):
        start = max(self.expires_on + datetime.timedelta(days=1), timezone.localdate())
        self.starts_on = start
        self.expires_on = start.replace(year=start.year + 1) - datetime.timedelta(days=1)
        self.status = self.ACTIVE
        self.exchanges_used = 0
        if order is not None:
            self.order = order
        self.save()

    @classmethod
    def next_number(cls):
        last = cls.objects.order_by("-id").values_list("number", flat=True).first()
        try:
            n = int(last[1:]) + 1
        except (TypeError, ValueError):
            n = 100001
        return "M%06d" % n
