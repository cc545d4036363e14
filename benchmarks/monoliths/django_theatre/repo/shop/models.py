import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Sum
from django.utils import timezone

from core.models import Patron, Performance, Production, Season, TimeStampedModel
from core.utils import money


class DiscountCode(models.Model):
    code = models.CharField(max_length=30, unique=True)
    description = models.CharField(max_length=200, blank=True)
    percent_off = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    amount_off = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    valid_from = models.DateTimeField(null=True, blank=True)
    valid_to = models.DateTimeField(null=True, blank=True)
    max_uses = models.PositiveIntegerField(null=True, blank=True)
    used_count = models.PositiveIntegerField(default=0)
    production = models.ForeignKey(Production, null=True, blank=True, on_delete=models.CASCADE)
    min_tickets = models.PositiveIntegerField(default=1)
    is_active = models.BooleanField(default=True)

    def __str__(self):
        return self.code

    def is_valid(self, when=None):
        when = when or timezone.now()
        if not self.is_active:
            return False
        if self.valid_from and when < self.valid_from:
            return False
        if self.valid_to and when > self.valid_to:
            return False
        if self.max_uses is not None and self.used_count >= self.max_uses:
            return False
        return True

    def discount_on(self, amount):
        amount = money(amount)
        if self.percent_off:
            return money(amount * self.percent_off / Decimal("100"))
        if self.amount_off:
            return min(money(self.amount_off), amount)
        return Decimal("0.00")

    def use(self):
        DiscountCode.objects.filter(pk=self.pk).update(used_count=F("used_count") + 1)


class Basket(TimeStampedModel):
    OPEN = "open"
    CHECKED_OUT = "checked_out"
    ABANDONED = "abandoned"

    session_key = models.CharField(max_length=40, db_index=True)
    patron = models.ForeignKey(Patron, null=True, blank=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=20, default=OPEN)
    expires_at = models.DateTimeField(null=True, blank=True)
    discount_code = models.ForeignKey(DiscountCode, null=True, blank=True, on_delete=models.SET_NULL)
    donation_amount = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("0.00"))
    donation_gift_aid = models.BooleanField(default=False)

    def ticket_subtotal(self):
        return self.items.aggregate(t=Sum("price"))["t"] or Decimal("0.00")

    def is_empty(self):
        return not self.items.exists() and not self.donation_amount

    def extend(self):
        self.expires_at = timezone.now() + datetime.timedelta(minutes=settings.SEAT_HOLD_MINUTES)
        self.save(update_fields=["expires_at", "modified"])
        self.holds.update(held_until=self.expires_at)


class BasketItem(models.Model):
    basket = models.ForeignKey(Basket, related_name="items", on_delete=models.CASCADE)
    performance = models.ForeignKey(Performance, on_delete=models.CASCADE)
    seat = models.ForeignKey("backoffice.Seat", null=True, blank=True, on_delete=models.CASCADE)
    price_band = models.ForeignKey("main.PriceBand", on_delete=models.PROTECT)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    concession_type = models.CharField(max_length=20, default="full")
    subscription_package = models.ForeignKey("SubscriptionPackage", null=True, blank=True, on_delete=models.SET_NULL)


class SubscriptionPackage(models.Model):
    season = models.ForeignKey(Season, related_name="subscription_packages", on_delete=models.CASCADE)
    name = models.CharField(max_length=100)
    number_of_shows = models.PositiveIntegerField(default=4)
    min_productions = models.PositiveIntegerField(default=4, help_text="Different productions required")
    price = models.DecimalField(max_digits=8, decimal_places=2)
    members_only = models.BooleanField(default=False)
    on_sale = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)

    def __str__(self):
        return "%s - %s" % (self.season.code, self.name)

    def price_per_show(self):
        return money(self.price / self.number_of_shows)


class SubscriptionChoice(models.Model):
    package = models.ForeignKey(SubscriptionPackage, related_name="choices", on_delete=models.PROTECT)
    patron = models.ForeignKey(Patron, related_name="subscription_choices", on_delete=models.CASCADE)
    performance = models.ForeignKey(Performance, on_delete=models.PROTECT)
    ticket = models.OneToOneField("main.Ticket", null=True, blank=True, on_delete=models.SET_NULL)
    seats = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)


class Donation(TimeStampedModel):
    SOURCES = (("checkout", "Online checkout"), ("box_office", "Box office"), ("api", "API"), ("roundup", "Round-up"))

    order = models.ForeignKey("main.Order", null=True, blank=True, related_name="donations", on_delete=models.SET_NULL)
    patron = models.ForeignKey(Patron, null=True, blank=True, related_name="donations", on_delete=models.SET_NULL)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    campaign = models.ForeignKey("backoffice.FundraisingCampaign", null=True, blank=True, on_delete=models.SET_NULL)
    gift_aid = models.BooleanField(default=False)
    anonymous = models.BooleanField(default=False)
    source = models.CharField(max_length=20, choices=SOURCES, default="checkout")
    in_memory_of = models.CharField(max_length=200, blank=True)
    transferred_to_gift = models.ForeignKey("legacy.Gift", null=True, blank=True, on_delete=models.SET_NULL)

    def __str__(self):
        return "%s donation %s" % (money(self.amount), self.pk)


class Payment(TimeStampedModel):
    METHODS = (
        ("card", "Card (online)"),
        ("card_present", "Card (terminal)"),
        ("cash", "Cash"),
        ("cheque", "Cheque"),
        ("voucher", "Gift voucher"),
        ("credit", "Account credit"),
    )
    STATUSES = (("pending", "Pending"), ("captured", "Captured"), ("failed", "Failed"), ("refunded", "Refunded"), ("voided", "Voided"))

    order = models.ForeignKey("main.Order", null=True, blank=True, related_name="payments", on_delete=models.PROTECT)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    method = models.CharField(max_length=20, choices=METHODS)
    status = models.CharField(max_length=20, choices=STATUSES, default="pending", db_index=True)
    provider = models.CharField(max_length=30, blank=True)
    provider_ref = models.CharField(max_length=100, blank=True, db_index=True)
    till_session = models.ForeignKey("backoffice.TillSession", null=True, blank=True, related_name="payments", on_delete=models.SET_NULL)
    card_last4 = models.CharField(max_length=4, blank=True)
    refunded_amount = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0.00"))
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    raw_response = models.TextField(blank=True)

    def __str__(self):
        return "%s %s %s" % (self.method, money(self.amount), self.status)

    @property
    def refundable(self):
        return money(self.amount - self.refunded_amount)
