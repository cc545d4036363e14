from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from common.models import TimeStampedModel


class Location(TimeStampedModel):
    name = models.CharField(max_length=100)
    code = models.CharField(max_length=10, unique=True)  # SHD, CMD, MCR ...
    address = models.TextField()
    city = models.CharField(max_length=60)
    country = models.CharField(max_length=2, default="GB")
    timezone = models.CharField(max_length=40, default="Europe/London")
    opening_time = models.TimeField(default="08:00")
    closing_time = models.TimeField(default="20:00")
    open_24_7 = models.BooleanField(default=False)
    peak_pricing = models.BooleanField(default=False)
    capacity = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    def __str__(self):
        return self.name


class TaxRate(models.Model):
    country = models.CharField(max_length=2)
    name = models.CharField(max_length=40, default="VAT")
    rate = models.DecimalField(max_digits=5, decimal_places=2)
    valid_from = models.DateField()

    class Meta:
        ordering = ["-valid_from"]


class DiscountCode(TimeStampedModel):
    code = models.CharField(max_length=30, unique=True)
    percent_off = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    amount_off = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    valid_until = models.DateField(null=True, blank=True)
    times_used = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)


class InvoiceQuerySet(models.QuerySet):
    def unpaid(self):
        return self.filter(status__in=[Invoice.OPEN, Invoice.OVERDUE])

    def overdue(self):
        return self.filter(status=Invoice.OPEN, due_date__lt=timezone.localdate())

    def for_month(self, first, last):
        return self.filter(issue_date__gte=first, issue_date__lte=last)


class Invoice(TimeStampedModel):
    DRAFT, OPEN, PAID, OVERDUE, VOID = "draft", "open", "paid", "overdue", "void"
    STATUSES = [(s, s.title()) for s in (DRAFT, OPEN, PAID, OVERDUE, VOID)]

    number = models.CharField(max_length=20, unique=True, null=True, blank=True)
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="invoices")
    company = models.ForeignKey("members.Company", null=True, blank=True, on_delete=models.PROTECT)
    location = models.ForeignKey(Location, null=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=10, choices=STATUSES, default=DRAFT)
    issue_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    currency = models.CharField(max_length=3, default="GBP")
    subtotal = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0"))
    tax = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0"))
    total = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0"))
    billing_email = models.EmailField(blank=True)
    stripe_invoice_id = models.CharField(max_length=64, blank=True)
    notes = models.TextField(blank=True)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        db_table = "invoices"
        ordering = ["-issue_date", "-id"]

    def __str__(self):
        return self.number or "DRAFT-%s" % self.pk

    @property
    def amount_paid(self):
        return sum((p.amount for p in self.payments.filter(status=Payment.SUCCEEDED)), Decimal("0"))

    @property
    def balance(self):
        return self.total - self.amount_paid


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    description = models.CharField(max_length=255)
    quantity = models.DecimalField(max_digits=8, decimal_places=2, default=1)
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)
    tax_rate = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("20.00"))
    # what generated this line: "membership", "room_booking", "day_pass", "event" ...
    source_type = models.CharField(max_length=30, blank=True)
    source_id = models.PositiveIntegerField(null=True, blank=True)

    @property
    def amount(self):
        return self.quantity * self.unit_price


class PaymentMethod(TimeStampedModel):
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="payment_methods")
    kind = models.CharField(max_length=10, choices=[("card", "Card"), ("sepa", "SEPA"), ("bacs", "BACS DD")])
    stripe_pm_id = models.CharField(max_length=64)
    last4 = models.CharField(max_length=4, blank=True)
    expiry = models.CharField(max_length=7, blank=True)
    is_default = models.BooleanField(default=False)


class Payment(TimeStampedModel):
    PENDING, SUCCEEDED, FAILED, REFUNDED = "pending", "succeeded", "failed", "refunded"
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments")
    method = models.ForeignKey(PaymentMethod, null=True, blank=True, on_delete=models.SET_NULL)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    status = models.CharField(max_length=10, default=PENDING)
    stripe_charge_id = models.CharField(max_length=64, blank=True)
    failure_reason = models.CharField(max_length=255, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)


class CreditNote(TimeStampedModel):
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="credit_notes")
    number = models.CharField(max_length=20, unique=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    reason = models.CharField(max_length=255)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)


class CreditLedgerEntry(TimeStampedModel):
    """Prepaid account credit (used for meeting rooms, printing, day passes)."""
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="credit_entries")
    amount = models.DecimalField(max_digits=10, decimal_places=2)  # +topup / -spend
    description = models.CharField(max_length=255)
    invoice = models.ForeignKey(Invoice, null=True, blank=True, on_delete=models.SET_NULL)


class DunningNotice(TimeStampedModel):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="dunning_notices")
    level = models.PositiveSmallIntegerField(default=1)
    sent_at = models.DateTimeField(default=timezone.now)
    channel = models.CharField(max_length=10, default="email")
