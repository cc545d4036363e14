"""
core app: started life as "tickets + members" in 2017. Everything money
related that faces the public ended up here.
"""
import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Sum
from django.utils import timezone

from utils.dates import add_months, today_local
from utils.helpers import generate_reference
from utils.models import ActiveManager, TimeStampedModel


# ---------------------------------------------------------------------------
# Admissions / ticketing
# ---------------------------------------------------------------------------

class TicketType(models.Model):
    CATEGORY_CHOICES = (
        ("adult", "Adult"),
        ("child", "Child (3-15)"),
        ("concession", "Concession"),
        ("family", "Family"),
        ("infant", "Infant (under 3)"),
        ("carer", "Carer"),
    )
    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=100)
    category = models.CharField(max_length=20, choices=CATEGORY_CHOICES)
    base_price = models.DecimalField(max_digits=7, decimal_places=2)
    headcount = models.PositiveSmallIntegerField(default=1)
    is_online_only = models.BooleanField(default=False)
    max_per_order = models.PositiveSmallIntegerField(default=20)
    sort_order = models.IntegerField(default=0)
    active = models.BooleanField(default=True)

    objects = models.Manager()
    live = ActiveManager()

    class Meta:
        ordering = ("sort_order", "name")

    def __str__(self):
        return self.name


class PricingRule(models.Model):
    SEASONS = (("summer", "Summer"), ("winter", "Winter"))
    name = models.CharField(max_length=100)
    ticket_type = models.ForeignKey(TicketType, related_name="rules", on_delete=models.CASCADE)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    weekday = models.PositiveSmallIntegerField(null=True, blank=True)
    season = models.CharField(max_length=10, choices=SEASONS, blank=True)
    pct_adjust = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    fixed_adjust = models.DecimalField(max_digits=7, decimal_places=2, default=0)
    priority = models.IntegerField(default=0)
    is_override = models.BooleanField(default=False)
    active = models.BooleanField(default=True)

    def __str__(self):
        return "%s (%s)" % (self.name, self.ticket_type.code)


class DailyCapacity(models.Model):
    date = models.DateField(unique=True)
    capacity = models.PositiveIntegerField(default=settings.ZOO_DAILY_CAPACITY)
    sold = models.PositiveIntegerField(default=0)
    scanned = models.PositiveIntegerField(default=0)
    closed = models.BooleanField(default=False)
    closed_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        db_table = "daily_capacity"
        verbose_name_plural = "daily capacity"

    @property
    def remaining(self):
        return max(self.capacity - self.sold, 0)

    @classmethod
    def for_date(cls, d):
        obj, _ = cls.objects.get_or_create(date=d)
        return obj


class TicketOrderQuerySet(models.QuerySet):
    def paid(self):
        return self.filter(status=TicketOrder.STATUS_PAID)

    def for_day(self, d):
        return self.filter(visit_date=d)

    def stale_pending(self, minutes):
        cutoff = timezone.now() - datetime.timedelta(minutes=minutes)
        return self.filter(status=TicketOrder.STATUS_PENDING, created__lt=cutoff)


class TicketOrder(TimeStampedModel):
    STATUS_PENDING = "pending"
    STATUS_PAID = "paid"
    STATUS_CANCELLED = "cancelled"
    STATUS_REFUNDED = "refunded"
    STATUS_CHOICES = (
        (STATUS_PENDING, "Pending payment"),
        (STATUS_PAID, "Paid"),
        (STATUS_CANCELLED, "Cancelled"),
        (STATUS_REFUNDED, "Refunded"),
    )
    CHANNELS = (("web", "Website"), ("gate", "Gate till"), ("phone", "Phone"), ("group", "Group"))

    reference = models.CharField(max_length=20, unique=True, editable=False)
    visit_date = models.DateField(db_index=True)
    name = models.CharField(max_length=120)
    email = models.EmailField()
    member = models.ForeignKey("core.Member", null=True, blank=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default=STATUS_PENDING)
    channel = models.CharField(max_length=10, choices=CHANNELS, default="web")
    total = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    donation_added = models.DecimalField(max_digits=7, decimal_places=2, default=0)
    payment_ref = models.CharField(max_length=64, blank=True)
    sold_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL)

    objects = TicketOrderQuerySet.as_manager()

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = generate_reference("WW")
        super(TicketOrder, self).save(*args, **kwargs)

    def headcount(self):
        return sum(t.ticket_type.headcount for t in self.tickets.select_related("ticket_type"))

    def recalc_total(self):
        agg = self.tickets.filter(voided=False).aggregate(s=Sum("price"))
        self.total = (agg["s"] or Decimal("0")) + (self.donation_added or 0)
        return self.total

    def mark_paid(self, payment_ref):
        self.status = self.STATUS_PAID
        self.payment_ref = payment_ref
        self.save(update_fields=["status", "payment_ref", "modified"])
        DailyCapacity.objects.filter(date=self.visit_date).update(sold=F("sold") + self.headcount())

    def __str__(self):
        return self.reference


class Ticket(models.Model):
    order = models.ForeignKey(TicketOrder, related_name="tickets", on_delete=models.CASCADE)
    ticket_type = models.ForeignKey(TicketType, on_delete=models.PROTECT)
    barcode = models.CharField(max_length=32, unique=True)
    price = models.DecimalField(max_digits=7, decimal_places=2)
    visit_date = models.DateField()
    scanned_at = models.DateTimeField(null=True, blank=True)
    voided = models.BooleanField(default=False)

    def is_valid_today(self):
        return (not self.voided and self.scanned_at is None
                and self.visit_date == today_local()
                and self.order.status == TicketOrder.STATUS_PAID)


class GateScan(models.Model):
    RESULTS = (("ok", "OK"), ("dup", "Already used"), ("wrong_day", "Wrong day"),
               ("void", "Void"), ("expired", "Membership expired"), ("unknown", "Unknown"))
    ticket = models.ForeignKey(Ticket, null=True, blank=True, on_delete=models.SET_NULL)
    membership = models.ForeignKey("core.Membership", null=True, blank=True,
                                   on_delete=models.SET_NULL)
    raw_code = models.CharField(max_length=64)
    gate = models.CharField(max_length=20)
    result = models.CharField(max_length=12, choices=RESULTS)
    scanned_at = models.DateTimeField(default=timezone.now)
    party_size = models.PositiveSmallIntegerField(default=1)
    scanned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL)


# ---------------------------------------------------------------------------
# Members, donations, adoptions  (fundraising team)
# ---------------------------------------------------------------------------

class MembershipPlan(models.Model):
    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=100)
    price = models.DecimalField(max_digits=7, decimal_places=2)
    duration_months = models.PositiveSmallIntegerField(default=12)
    adults = models.PositiveSmallIntegerField(default=1)
    children = models.PositiveSmallIntegerField(default=0)
    guest_passes = models.PositiveSmallIntegerField(default=0)
    shop_discount_pct = models.PositiveSmallIntegerField(default=10)
    active = models.BooleanField(default=True)

    def __str__(self):
        return self.name


class Member(TimeStampedModel):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL)
    member_number = models.CharField(max_length=12, unique=True)
    title = models.CharField(max_length=10, blank=True)
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    email = models.EmailField(db_index=True)
    phone = models.CharField(max_length=30, blank=True)
    address_line1 = models.CharField(max_length=120, blank=True)
    address_line2 = models.CharField(max_length=120, blank=True)
    town = models.CharField(max_length=60, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    marketing_opt_in = models.BooleanField(default=False)

    def __str__(self):
        return "%s %s (%s)" % (self.first_name, self.last_name, self.member_number)

    @property
    def full_name(self):
        return ("%s %s" % (self.first_name, self.last_name)).strip()

    def current_membership(self):
        today = today_local()
        return (self.memberships.select_related("plan")
                .filter(start_date__lte=today, end_date__gte=today, status="active")
                .order_by("-end_date").first())

    def has_gift_aid(self):
        return self.giftaid_declarations.filter(revoked_on__isnull=True).exists()


class Membership(TimeStampedModel):
    STATUS = (("pending", "Pending"), ("active", "Active"), ("lapsed", "Lapsed"),
              ("cancelled", "Cancelled"))
    member = models.ForeignKey(Member, related_name="memberships", on_delete=models.CASCADE)
    plan = models.ForeignKey(MembershipPlan, on_delete=models.PROTECT)
    start_date = models.DateField()
    end_date = models.DateField()
    status = models.CharField(max_length=10, choices=STATUS, default="pending")
    price_paid = models.DecimalField(max_digits=7, decimal_places=2, default=0)
    auto_renew = models.BooleanField(default=False)
    guest_passes_left = models.PositiveSmallIntegerField(default=0)
    card_printed = models.BooleanField(default=False)
    renewed_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL)

    def save(self, *args, **kwargs):
        if not self.end_date and self.start_date:
            self.end_date = add_months(self.start_date, self.plan.duration_months) - datetime.timedelta(days=1)
        super(Membership, self).save(*args, **kwargs)

    def is_current(self, on=None):
        on = on or today_local()
        return self.status == "active" and self.start_date <= on <= self.end_date

    def use_guest_pass(self, n=1):
        updated = (Membership.objects
                   .filter(pk=self.pk, guest_passes_left__gte=n)
                   .update(guest_passes_left=F("guest_passes_left") - n))
        return bool(updated)


class Donation(TimeStampedModel):
    SOURCES = (("web", "Website"), ("gate", "Gate"), ("order", "Added to ticket order"),
               ("adoption", "Adoption"), ("appeal", "Appeal"), ("legacy", "Legacy"))
    member = models.ForeignKey(Member, null=True, blank=True, related_name="donations",
                               on_delete=models.SET_NULL)
    donor_name = models.CharField(max_length=120)
    donor_email = models.EmailField(blank=True)
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    source = models.CharField(max_length=10, choices=SOURCES, default="web")
    appeal_code = models.CharField(max_length=20, blank=True)
    order_ref = models.CharField(max_length=20, blank=True)
    gift_aid_eligible = models.BooleanField(default=False)
    gift_aid_claimed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return "%s %s" % (self.donor_name, self.amount)


class GiftAidDeclaration(models.Model):
    member = models.ForeignKey(Member, related_name="giftaid_declarations",
                               on_delete=models.CASCADE)
    full_name = models.CharField(max_length=120)
    house_number = models.CharField(max_length=20)
    postcode = models.CharField(max_length=10)
    declared_on = models.DateField(default=today_local)
    revoked_on = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "giftaid_declaration"


class Adoption(TimeStampedModel):
    PACKAGES = (("bronze", "Bronze"), ("silver", "Silver"), ("gold", "Gold"), ("corporate", "Corporate"))
    PACKAGE_PRICES = {"bronze": Decimal("30.00"), "silver": Decimal("55.00"),
                      "gold": Decimal("120.00"), "corporate": Decimal("500.00")}

    member = models.ForeignKey(Member, null=True, blank=True, related_name="adoptions",
                               on_delete=models.SET_NULL)
    animal = models.ForeignKey("animals.Animal", related_name="adoptions", on_delete=models.PROTECT)
    adopter_name = models.CharField(max_length=120)
    adopter_email = models.EmailField()
    package = models.CharField(max_length=10, choices=PACKAGES)
    amount = models.DecimalField(max_digits=7, decimal_places=2)
    start_date = models.DateField(default=today_local)
    end_date = models.DateField(null=True, blank=True)
    is_gift = models.BooleanField(default=False)
    gift_message = models.TextField(blank=True)
    certificate_sent = models.BooleanField(default=False)
    pack_posted = models.BooleanField(default=False)
    cancelled = models.BooleanField(default=False)

    def save(self, *args, **kwargs):
        if not self.end_date:
            self.end_date = add_months(self.start_date, 12)
        if not self.amount:
            self.amount = self.PACKAGE_PRICES.get(self.package, Decimal("30.00"))
        super(Adoption, self).save(*args, **kwargs)
