"""
core: "the important stuff" -- room assignments and the rent ledger.

History: this started as the 2012 assignments module; billing was added to
it in 2013 "temporarily" because the charges need the assignment FK.
"""
import decimal

from django.contrib.auth.models import User
from django.db import models
from django.db.models import Sum
from django.utils import timezone

from common.models import TermField, TimeStampedModel


# ---------------------------------------------------------------------------
# allocation / assignments
# ---------------------------------------------------------------------------

class AllocationRound(TimeStampedModel):
    STATUS = (
        ("planned", "Planned"),
        ("open", "Open for applications"),
        ("running", "Allocation running"),
        ("published", "Results published"),
        ("closed", "Closed"),
    )
    name = models.CharField(max_length=80)
    term = TermField()
    status = models.CharField(max_length=10, choices=STATUS, default="planned")
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    run_started_at = models.DateTimeField(null=True, blank=True)
    run_finished_at = models.DateTimeField(null=True, blank=True)
    first_year_only = models.BooleanField(default=False)
    seed = models.IntegerField(default=0, help_text="random seed for the lottery tie-break")
    notes = models.TextField(blank=True)

    def __str__(self):
        return "%s (%s)" % (self.name, self.term)


class AssignmentManager(models.Manager):
    def active(self):
        return self.get_queryset().filter(status="active")

    def for_term(self, term):
        return self.get_queryset().filter(term=term).exclude(status="cancelled")

    def current_for_resident(self, resident):
        return self.active().filter(resident=resident).select_related("bed__room__hall").first()


class RoomAssignment(TimeStampedModel):
    STATUS = (
        ("pending", "Pending (offered)"),
        ("active", "Active / checked in"),
        ("former", "Ended"),
        ("cancelled", "Cancelled"),
    )
    resident = models.ForeignKey("accounts.Resident", on_delete=models.PROTECT, related_name="assignments")
    bed = models.ForeignKey("housing.Bed", on_delete=models.PROTECT, related_name="assignments")
    application = models.ForeignKey("housing.Application", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="assignments")
    round = models.ForeignKey(AllocationRound, null=True, blank=True, on_delete=models.SET_NULL)
    term = TermField()
    status = models.CharField(max_length=10, choices=STATUS, default="pending")
    start_date = models.DateField()
    end_date = models.DateField()
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_out_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=40, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL)

    objects = AssignmentManager()

    class Meta:
        ordering = ("-start_date",)

    def __str__(self):
        return "%s -> %s (%s)" % (self.resident_id, self.bed, self.term)

    @property
    def nights(self):
        return (self.end_date - self.start_date).days


class RoommateRequest(TimeStampedModel):
    requester = models.ForeignKey("accounts.Resident", on_delete=models.CASCADE,
                                  related_name="roommate_requests_made")
    requested = models.ForeignKey("accounts.Resident", on_delete=models.CASCADE,
                                  related_name="roommate_requests_received")
    term = TermField()
    mutual = models.BooleanField(default=False)
    honored = models.NullBooleanField()

    class Meta:
        unique_together = ("requester", "requested", "term")


class WaitlistEntry(TimeStampedModel):
    application = models.OneToOneField("housing.Application", on_delete=models.CASCADE)
    term = TermField()
    position = models.PositiveIntegerField()
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    removed = models.BooleanField(default=False)

    class Meta:
        ordering = ("term", "position")
        verbose_name_plural = "waitlist entries"


# ---------------------------------------------------------------------------
# rent billing
# ---------------------------------------------------------------------------

class RateCard(models.Model):
    """Per-term rent by hall + room type. Set by the board every spring."""
    term = TermField()
    hall = models.ForeignKey("housing.Hall", null=True, blank=True, on_delete=models.CASCADE)
    room_type = models.ForeignKey("housing.RoomType", on_delete=models.CASCADE)
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    summer_weekly_rate = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    approved = models.BooleanField(default=False)

    class Meta:
        db_table = "rent_rates"
        unique_together = ("term", "hall", "room_type")


class BillingPeriod(models.Model):
    term = TermField(unique=True)
    charge_date = models.DateField()
    due_date = models.DateField()
    closed = models.BooleanField(default=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    exported_to_bursar = models.BooleanField(default=False)

    def __str__(self):
        return self.term


class ChargeQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=("open", "partial"))

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(due_date__lt=today)

    def total(self):
        return self.aggregate(t=Sum("amount"))["t"] or decimal.Decimal("0.00")


class RentCharge(TimeStampedModel):
    KIND_CHOICES = (
        ("rent", "Room rent"),
        ("proration", "Prorated rent"),
        ("late_fee", "Late fee"),
        ("damage", "Damage"),
        ("lost_key", "Lost key"),
        ("card_replacement", "Card replacement"),
        ("conduct_fine", "Conduct fine"),
        ("application_fee", "Application fee"),
        ("room_change", "Room change fee"),
        ("adjustment", "Manual adjustment"),
    )
    STATUS = (("open", "Open"), ("partial", "Partially paid"), ("paid", "Paid"), ("void", "Void"))
    resident = models.ForeignKey("accounts.Resident", on_delete=models.PROTECT, related_name="charges")
    assignment = models.ForeignKey(RoomAssignment, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="charges")
    period = models.ForeignKey(BillingPeriod, null=True, blank=True, on_delete=models.SET_NULL)
    term = TermField(blank=True)
    kind = models.CharField(max_length=20, choices=KIND_CHOICES, default="rent")
    description = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    amount_paid = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=STATUS, default="open")
    source_ref = models.CharField(max_length=40, blank=True,
                                  help_text="e.g. WO-1234, SANC-55, KEY-88")
    posted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL)

    objects = ChargeQuerySet.as_manager()

    @property
    def outstanding(self):
        return self.amount - self.amount_paid


class Payment(TimeStampedModel):
    METHOD = (("card", "Card (online)"), ("ach", "ACH"), ("check", "Check"),
              ("cash", "Cash (desk)"), ("aid", "Financial aid"), ("bursar", "Bursar transfer"))
    resident = models.ForeignKey("accounts.Resident", on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    method = models.CharField(max_length=8, choices=METHOD)
    reference = models.CharField(max_length=60, blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    applied = models.BooleanField(default=False)
    reversed = models.BooleanField(default=False)
    received_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL)


class Refund(TimeStampedModel):
    resident = models.ForeignKey("accounts.Resident", on_delete=models.PROTECT, related_name="refunds")
    payment = models.ForeignKey(Payment, null=True, blank=True, on_delete=models.SET_NULL)
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    reason = models.CharField(max_length=200)
    approved_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL)
    sent_to_bursar_at = models.DateTimeField(null=True, blank=True)


class SecurityDeposit(TimeStampedModel):
    STATUS = (("held", "Held"), ("applied", "Applied to damages"), ("refunded", "Refunded"),
              ("forfeited", "Forfeited"))
    resident = models.ForeignKey("accounts.Resident", on_delete=models.PROTECT, related_name="deposits")
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    received_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=STATUS, default="held")
    settled_at = models.DateTimeField(null=True, blank=True)
    deductions = models.DecimalField(max_digits=9, decimal_places=2, default=0)


# wire up the signal handlers (all apps' handlers live in core/signals.py)
from core import signals  # noqa: E402,F401
