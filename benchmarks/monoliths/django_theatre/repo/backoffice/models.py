from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Sum
from django.utils import timezone

from core.models import Patron, Performance, TimeStampedModel
from core.utils import money

# ---------------------------------------------------------------------------
# Buildings
# ---------------------------------------------------------------------------


class Venue(TimeStampedModel):
    name = models.CharField(max_length=100)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=12, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    licence_capacity = models.PositiveIntegerField(null=True, blank=True)
    access_info = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    def __str__(self):
        return self.name


class Auditorium(models.Model):
    venue = models.ForeignKey(Venue, related_name="auditoria", on_delete=models.CASCADE)
    name = models.CharField(max_length=100)
    short_code = models.CharField(max_length=10, unique=True)
    has_wheelchair_spaces = models.BooleanField(default=True)
    is_unreserved = models.BooleanField(default=False, help_text="Studio: general admission, no seat map")
    unreserved_capacity = models.PositiveIntegerField(null=True, blank=True)
    default_layout = models.ForeignKey("SeatingPlan", null=True, blank=True, related_name="+", on_delete=models.SET_NULL)

    class Meta:
        verbose_name_plural = "auditoria"

    def __str__(self):
        return "%s - %s" % (self.venue.name, self.name)

    def seat_count(self):
        if self.is_unreserved:
            return self.unreserved_capacity or 0
        if not self.default_layout_id:
            return 0
        return self.default_layout.sellable_seat_count()


class SeatingPlan(models.Model):
    auditorium = models.ForeignKey(Auditorium, related_name="plans", on_delete=models.CASCADE)
    name = models.CharField(max_length=100)
    version = models.PositiveIntegerField(default=1)
    is_default = models.BooleanField(default=False)
    width = models.PositiveIntegerField(default=1000)
    height = models.PositiveIntegerField(default=800)
    stage_position = models.CharField(max_length=10, default="bottom")
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return "%s v%s" % (self.name, self.version)

    def seats(self):
        return Seat.objects.filter(section__plan=self)

    def sellable_seat_count(self):
        return self.seats().filter(is_killed=False).count()


class SeatSection(models.Model):
    plan = models.ForeignKey(SeatingPlan, related_name="sections", on_delete=models.CASCADE)
    name = models.CharField(max_length=50)
    code = models.CharField(max_length=10)
    colour = models.CharField(max_length=7, default="#999999")
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order"]

    def __str__(self):
        return self.name


class Seat(models.Model):
    section = models.ForeignKey(SeatSection, related_name="seats", on_delete=models.CASCADE)
    row = models.CharField(max_length=5)
    number = models.PositiveIntegerField()
    x = models.IntegerField(default=0)
    y = models.IntegerField(default=0)
    is_wheelchair = models.BooleanField(default=False)
    is_companion = models.BooleanField(default=False)
    is_restricted_view = models.BooleanField(default=False)
    is_killed = models.BooleanField(default=False, help_text="Not sold at all (sound desk etc)")

    class Meta:
        db_table = "seat_map_seat"
        ordering = ["row", "number"]
        unique_together = ("section", "row", "number")

    def __str__(self):
        return "%s%s" % (self.row, self.number)

    @property
    def label(self):
        return "%s %s%s" % (self.section.name, self.row, self.number)


# ---------------------------------------------------------------------------
# Tills & cash
# ---------------------------------------------------------------------------


class Till(models.Model):
    name = models.CharField(max_length=50)
    location = models.CharField(max_length=50, blank=True)
    float_amount = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("150.00"))
    terminal_id = models.CharField(max_length=30, blank=True)
    is_active = models.BooleanField(default=True)

    def __str__(self):
        return self.name

    def open_session(self):
        return self.sessions.filter(status=TillSession.OPEN).first()


class TillSession(TimeStampedModel):
    OPEN = "open"
    CLOSED = "closed"
    RECONCILED = "reconciled"
    STATUSES = ((OPEN, "Open"), (CLOSED, "Closed"), (RECONCILED, "Reconciled"))

    till = models.ForeignKey(Till, related_name="sessions", on_delete=models.PROTECT)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.PROTECT)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.PROTECT)
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    opening_float = models.DecimalField(max_digits=8, decimal_places=2)
    status = models.CharField(max_length=20, choices=STATUSES, default=OPEN)

    def __str__(self):
        return "%s %s" % (self.till.name, timezone.localtime(self.opened_at).strftime("%d/%m %H:%M"))

    def takings_by_method(self):
        rows = self.payments.filter(status="captured").values("method").annotate(total=Sum("amount"))
        return {r["method"]: money(r["total"]) for r in rows}

    def expected_cash(self):
        return money(self.opening_float + self.takings_by_method().get("cash", Decimal("0")))

    def close(self, user):
        self.status = self.CLOSED
        self.closed_by = user
        self.closed_at = timezone.now()
        self.save()


class CashUp(TimeStampedModel):
    session = models.OneToOneField(TillSession, related_name="cashup", on_delete=models.PROTECT)
    counted_cash = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0.00"))
    expected_cash = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0.00"))
    counted_cheques = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0.00"))
    card_total = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0.00"))
    terminal_total = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0.00"))
    variance = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0.00"))
    banked_on = models.DateField(null=True, blank=True)
    bag_number = models.CharField(max_length=30, blank=True)
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    notes = models.TextField(blank=True)

    def recount(self):
        self.counted_cash = money(sum((l.value() for l in self.lines.all()), Decimal("0")))
        self.expected_cash = self.session.expected_cash()
        self.variance = money(self.counted_cash - self.expected_cash)
        return self.variance


class CashUpLine(models.Model):
    DENOMINATIONS = ["50.00", "20.00", "10.00", "5.00", "2.00", "1.00", "0.50", "0.20", "0.10", "0.05", "0.02", "0.01"]

    cashup = models.ForeignKey(CashUp, related_name="lines", on_delete=models.CASCADE)
    denomination = models.DecimalField(max_digits=5, decimal_places=2)
    quantity = models.PositiveIntegerField(default=0)

    def value(self):
        return self.denomination * self.quantity


class CardTerminalTxn(models.Model):
    till = models.ForeignKey(Till, on_delete=models.PROTECT)
    session = models.ForeignKey(TillSession, null=True, blank=True, on_delete=models.SET_NULL)
    terminal_ref = models.CharField(max_length=50, unique=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    auth_code = models.CharField(max_length=20, blank=True)
    card_scheme = models.CharField(max_length=20, blank=True)
    captured_at = models.DateTimeField()
    is_refund = models.BooleanField(default=False)
    matched_payment = models.ForeignKey("shop.Payment", null=True, blank=True, on_delete=models.SET_NULL)


# ---------------------------------------------------------------------------
# Development (fundraising) - campaigns and pledges
# ---------------------------------------------------------------------------


class FundraisingCampaign(models.Model):
    name = models.CharField(max_length=100)
    code = models.CharField(max_length=20, unique=True)
    target = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    is_appeal = models.BooleanField(default=False)
    show_at_checkout = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)

    def __str__(self):
        return self.name

    def raised(self):
        from legacy.models import Gift

        gifts = Gift.objects.filter(campaign=self).aggregate(t=Sum("amount"))["t"] or Decimal("0")
        online = self.donation_set.filter(transferred_to_gift__isnull=True).aggregate(t=Sum("amount"))["t"] or Decimal("0")
        return money(gifts + online)

    def percent_of_target(self):
        if not self.target:
            return None
        return int(self.raised() * 100 / self.target)


class Pledge(TimeStampedModel):
    FREQUENCIES = (("monthly", "Monthly"), ("quarterly", "Quarterly"), ("annual", "Annual"), ("one_off", "One-off"))
    STATUSES = (("active", "Active"), ("complete", "Complete"), ("lapsed", "Lapsed"), ("written_off", "Written off"))

    patron = models.ForeignKey(Patron, related_name="pledges", on_delete=models.PROTECT)
    campaign = models.ForeignKey(FundraisingCampaign, related_name="pledges", on_delete=models.PROTECT)
    total_amount = models.DecimalField(max_digits=12, decimal_places=2)
    instalments = models.PositiveIntegerField(default=1)
    frequency = models.CharField(max_length=20, choices=FREQUENCIES, default="one_off")
    start_date = models.DateField()
    status = models.CharField(max_length=20, choices=STATUSES, default="active")
    notes = models.TextField(blank=True)

    def amount_paid(self):
        return self.instalment_set.filter(paid_on__isnull=False).aggregate(t=Sum("amount"))["t"] or Decimal("0.00")

    def outstanding(self):
        return money(self.total_amount - self.amount_paid())


class PledgeInstalment(models.Model):
    pledge = models.ForeignKey(Pledge, related_name="instalment_set", on_delete=models.CASCADE)
    due_on = models.DateField()
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    paid_on = models.DateField(null=True, blank=True)
    gift = models.ForeignKey("legacy.Gift", null=True, blank=True, on_delete=models.SET_NULL)
    reminder_sent = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on"]


# ---------------------------------------------------------------------------
# FOH rota
# ---------------------------------------------------------------------------


class UsherShift(models.Model):
    ROLES = (
        ("usher", "Usher"),
        ("duty_manager", "Duty manager"),
        ("bar", "Bar"),
        ("cloakroom", "Cloakroom"),
        ("programme", "Programme seller"),
    )

    performance = models.ForeignKey(Performance, related_name="shifts", on_delete=models.CASCADE)
    role = models.CharField(max_length=20, choices=ROLES, default="usher")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    needed = models.PositiveIntegerField(default=1)
    notes = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["starts_at", "role"]

    def filled(self):
        return self.assignments.filter(status__in=("offered", "confirmed")).count()

    def is_short(self):
        return self.filled() < self.needed

    def hours(self):
        return round((self.ends_at - self.starts_at).total_seconds() / 3600.0, 2)


class ShiftAssignment(models.Model):
    STATUSES = (("offered", "Offered"), ("confirmed", "Confirmed"), ("declined", "Declined"), ("no_show", "No show"), ("worked", "Worked"))

    shift = models.ForeignKey(UsherShift, related_name="assignments", on_delete=models.CASCADE)
    volunteer = models.ForeignKey("legacy.Volunteer", related_name="assignments", on_delete=models.CASCADE)
    status = models.CharField(max_length=20, choices=STATUSES, default="offered")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    hours = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    reminder_sent = models.BooleanField(default=False)

    class Meta:
        unique_together = ("shift", "volunteer")
