from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Sum
from django.utils import timezone

from common.models import TimeStampedModel
from common.utils import add_months, money, today


class Club(models.Model):
    name = models.CharField(max_length=80)
    code = models.CharField(max_length=6, unique=True)  # e.g. LDS1
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    capacity = models.PositiveIntegerField(default=150)  # fire cert
    is_24h = models.BooleanField(default=False)
    opened = models.DateField(null=True, blank=True)
    active = models.BooleanField(default=True)

    def __str__(self):
        return self.name

    def is_open_at(self, when):
        if self.is_24h:
            return True
        when = timezone.localtime(when)
        hours = self.hours.filter(weekday=when.weekday()).first()
        if hours is None:
            return False
        return hours.opens <= when.time() <= hours.closes


class OpeningHours(models.Model):
    club = models.ForeignKey(Club, related_name="hours", on_delete=models.CASCADE)
    weekday = models.PositiveSmallIntegerField()  # 0 = monday
    opens = models.TimeField()
    closes = models.TimeField()
    staffed = models.BooleanField(default=True)

    class Meta:
        ordering = ["club", "weekday"]
        unique_together = [("club", "weekday")]


class Member(TimeStampedModel):
    STATUS_CHOICES = (
        ("prospect", "Prospect"),
        ("active", "Active"),
        ("frozen", "Frozen"),
        ("lapsed", "Lapsed"),
        ("banned", "Banned"),
    )
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL)
    member_no = models.CharField(max_length=12, unique=True)
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    email = models.EmailField(db_index=True)
    phone = models.CharField(max_length=30, blank=True)
    dob = models.DateField(null=True, blank=True)
    home_club = models.ForeignKey(Club, null=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default="prospect")
    photo = models.ImageField(upload_to="members/", blank=True)
    marketing_ok = models.BooleanField(default=False)
    sms_ok = models.BooleanField(default=False)
    no_show_count = models.PositiveIntegerField(default=0)
    booking_banned_until = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    def __str__(self):
        return "%s %s (%s)" % (self.first_name, self.last_name, self.member_no)

    @property
    def full_name(self):
        return ("%s %s" % (self.first_name, self.last_name)).strip()

    def age(self, on=None):
        if not self.dob:
            return None
        on = on or today()
        return on.year - self.dob.year - ((on.month, on.day) < (self.dob.month, self.dob.day))

    def current_membership(self):
        return (self.memberships.filter(status__in=["active", "frozen"])
                .select_related("plan").order_by("-start_date").first())

    def has_access(self):
        m = self.current_membership()
        return bool(m and m.is_active()) and self.status != "banned"


class EmergencyContact(models.Model):
    member = models.ForeignKey(Member, related_name="emergency_contacts", on_delete=models.CASCADE)
    name = models.CharField(max_length=100)
    relation = models.CharField(max_length=40, blank=True)
    phone = models.CharField(max_length=30)


class HealthDeclaration(models.Model):
    """PAR-Q. Required before first visit (insurer)."""
    member = models.ForeignKey(Member, related_name="parqs", on_delete=models.CASCADE)
    signed_at = models.DateTimeField(default=timezone.now)
    answers = models.TextField()  # json, don't ask
    needs_gp_clearance = models.BooleanField(default=False)
    gp_letter_seen = models.BooleanField(default=False)

    class Meta:
        db_table = "members_parq"


class Referral(models.Model):
    referrer = models.ForeignKey(Member, related_name="referrals_made", on_delete=models.CASCADE)
    friend_email = models.EmailField()
    friend = models.ForeignKey(Member, null=True, blank=True, related_name="+",
                               on_delete=models.SET_NULL)
    created = models.DateTimeField(auto_now_add=True)
    reward_given = models.BooleanField(default=False)


# --------------------------------------------------------------- memberships


class MembershipPlan(models.Model):
    name = models.CharField(max_length=60)
    code = models.CharField(max_length=12, unique=True)
    monthly_fee = models.DecimalField(max_digits=8, decimal_places=2)
    joining_fee = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    term_months = models.PositiveIntegerField(default=0)  # 0 = rolling
    off_peak = models.BooleanField(default=False)
    all_clubs = models.BooleanField(default=False)
    includes_classes = models.BooleanField(default=True)
    class_credits = models.PositiveIntegerField(null=True, blank=True)  # None = unlimited
    guest_passes = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    def __str__(self):
        return "%s (%s/month)" % (self.name, self.monthly_fee)


class Membership(TimeStampedModel):
    STATUS = (("pending", "Pending"), ("active", "Active"), ("frozen", "Frozen"),
              ("cancelled", "Cancelled"), ("expired", "Expired"), ("arrears", "Arrears"))
    member = models.ForeignKey(Member, related_name="memberships", on_delete=models.CASCADE)
    plan = models.ForeignKey(MembershipPlan, on_delete=models.PROTECT)
    club = models.ForeignKey(Club, on_delete=models.PROTECT)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=STATUS, default="pending")
    next_billing_date = models.DateField(null=True, blank=True)
    price_override = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=200, blank=True)
    sold_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL)

    def is_active(self, on=None):
        on = on or today()
        if self.status not in ("active", "arrears"):
            return False
        if self.start_date > on:
            return False
        return self.end_date is None or self.end_date >= on

    def monthly_price(self):
        if self.price_override is not None:
            return money(self.price_override)
        return money(self.plan.monthly_fee)

    def minimum_term_end(self):
        if not self.plan.term_months:
            return self.start_date
        return add_months(self.start_date, self.plan.term_months)

    def is_frozen_on(self, on):
        return self.freezes.filter(start__lte=on, end__gte=on).exists()


class MembershipFreeze(models.Model):
    membership = models.ForeignKey(Membership, related_name="freezes", on_delete=models.CASCADE)
    start = models.DateField()
    end = models.DateField()
    reason = models.CharField(max_length=120, blank=True)
    fee = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal("5.00"))

    class Meta:
        db_table = "core_freeze"


class DirectDebitMandate(models.Model):
    member = models.ForeignKey("core.Member", related_name="mandates", on_delete=models.CASCADE)
    reference = models.CharField(max_length=40, unique=True)
    provider_id = models.CharField(max_length=60, blank=True)
    bank_last4 = models.CharField(max_length=4, blank=True)
    status = models.CharField(max_length=12, default="pending")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "billing_mandate"


class Invoice(TimeStampedModel):
    number = models.CharField(max_length=20, unique=True)
    member = models.ForeignKey(Member, related_name="invoices", on_delete=models.PROTECT)
    membership = models.ForeignKey(Membership, null=True, blank=True, on_delete=models.SET_NULL)
    issued = models.DateField(default=today)
    due = models.DateField()
    status = models.CharField(max_length=10, default="open")  # open/paid/void/failed
    total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    retries = models.PositiveSmallIntegerField(default=0)
    notes = models.TextField(blank=True)

    def __str__(self):
        return self.number

    def recalc(self, save=True):
        self.total = money(sum((l.qty * l.unit_price for l in self.lines.all()), Decimal("0")))
        if save:
            self.save(update_fields=["total", "modified"])
        return self.total

    def paid_amount(self):
        return self.payments.filter(status="ok").aggregate(s=Sum("amount"))["s"] or Decimal("0")

    @property
    def is_overdue(self):
        return self.status in ("open", "failed") and self.due < today()


class InvoiceLine(models.Model):
    KINDS = (("membership", "Membership"), ("joining", "Joining fee"), ("freeze", "Freeze"),
             ("pt", "Personal training"), ("retail", "Shop"), ("other", "Other"))
    invoice = models.ForeignKey(Invoice, related_name="lines", on_delete=models.CASCADE)
    kind = models.CharField(max_length=12, choices=KINDS, default="membership")
    description = models.CharField(max_length=200)
    qty = models.PositiveIntegerField(default=1)
    unit_price = models.DecimalField(max_digits=8, decimal_places=2)
    vat_rate = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("0.20"))


class Payment(models.Model):
    invoice = models.ForeignKey(Invoice, related_name="payments", on_delete=models.PROTECT)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    method = models.CharField(max_length=10, default="dd")  # dd / card / cash
    taken_at = models.DateTimeField(default=timezone.now)
    provider_ref = models.CharField(max_length=60, blank=True)
    status = models.CharField(max_length=10, default="ok")

    class Meta:
        db_table = "billing_payment"
