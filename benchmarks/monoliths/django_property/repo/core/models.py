"""The 'core' of the business: who rents what, and what they owe us."""
from django.db import models
from django.utils import timezone

from common.models import TimeStampedModel


class Lease(TimeStampedModel):
    STATUS = [("draft", "Draft"), ("active", "Active"), ("notice", "On notice"),
              ("ended", "Ended"), ("terminated", "Terminated")]

    unit = models.ForeignKey("main.Unit", on_delete=models.PROTECT, related_name="leases")
    primary_tenant = models.ForeignKey("common.TenantProfile", on_delete=models.PROTECT)
    occupants = models.ManyToManyField("common.TenantProfile", blank=True, related_name="co_leases")
    start_date = models.DateField()
    end_date = models.DateField()
    monthly_rent_cents = models.PositiveIntegerField()
    deposit_cents = models.PositiveIntegerField(default=0)
    due_day = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=12, choices=STATUS, default="draft")
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]

    def is_active(self, on=None):
        on = on or timezone.now().date()
        return self.status == "active" and self.start_date <= on <= self.end_date


class LeaseClause(models.Model):
    lease = models.ForeignKey(Lease, on_delete=models.CASCADE, related_name="clauses")
    code = models.CharField(max_length=30)
    text = models.TextField()

    class Meta:
        db_table = "lease_clauses"


class LeaseRenewal(TimeStampedModel):
    STATUS = [("offered", "Offered"), ("accepted", "Accepted"), ("declined", "Declined"), ("expired", "Expired")]

    lease = models.ForeignKey(Lease, on_delete=models.CASCADE, related_name="renewals")
    proposed_rent_cents = models.PositiveIntegerField()
    new_end_date = models.DateField()
    status = models.CharField(max_length=10, choices=STATUS, default="offered")
    offered_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)


class LateFeePolicy(models.Model):
    name = models.CharField(max_length=60)
    grace_days = models.PositiveSmallIntegerField(default=5)
    flat_fee_cents = models.PositiveIntegerField(default=5000)
    percent = models.PositiveSmallIntegerField(default=5)
    max_fee_cents = models.PositiveIntegerField(null=True, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = "late fee policies"


class InvoiceQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=["open", "partial"])

    def overdue(self, on=None):
        return self.open().filter(due_date__lt=on or timezone.now().date())

    def for_tenant(self, tenant):
        return self.filter(lease__primary_tenant=tenant)


class Invoice(TimeStampedModel):
    STATUS = [("open", "Open"), ("partial", "Partially paid"), ("paid", "Paid"), ("void", "Void")]

    lease = models.ForeignKey(Lease, on_delete=models.PROTECT, related_name="invoices")
    period_start = models.DateField()
    period_end = models.DateField()
    due_date = models.DateField()
    status = models.CharField(max_length=10, choices=STATUS, default="open")
    total_cents = models.IntegerField(default=0)
    paid_cents = models.IntegerField(default=0)
    late_fee_applied = models.BooleanField(default=False)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        db_table = "rent_invoice"
        unique_together = [("lease", "period_start")]

    @property
    def balance_cents(self):
        return self.total_cents - self.paid_cents

    def recalc(self):
        self.total_cents = sum(line.amount_cents for line in self.lines.all())
        self.paid_cents = sum(p.amount_cents for p in self.payments.filter(reversed=False))
        if self.paid_cents >= self.total_cents > 0:
            self.status = "paid"
        elif self.paid_cents > 0:
            self.status = "partial"
        else:
            self.status = "open"
        return self


class InvoiceLine(models.Model):
    KINDS = [("rent", "Rent"), ("late_fee", "Late fee"), ("repair", "Repair"),
             ("utility", "Utility"), ("credit", "Credit")]

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(max_length=10, choices=KINDS)
    description = models.CharField(max_length=200)
    amount_cents = models.IntegerField()
    work_order = models.ForeignKey("main.WorkOrder", null=True, blank=True, on_delete=models.SET_NULL)


class Payment(TimeStampedModel):
    METHODS = [("ach", "ACH"), ("card", "Card"), ("check", "Check"), ("cash", "Cash money order")]

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments")
    tenant = models.ForeignKey("common.TenantProfile", on_delete=models.PROTECT, related_name="payments")
    amount_cents = models.PositiveIntegerField()
    method = models.CharField(max_length=10, choices=METHODS)
    reference = models.CharField(max_length=80, blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    reversed = models.BooleanField(default=False)
