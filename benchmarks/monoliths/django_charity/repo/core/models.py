from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from utils.models import TimeStampedModel


class Supporter(TimeStampedModel):
    TITLES = [(t, t) for t in ("Mr", "Mrs", "Ms", "Miss", "Dr", "Rev", "Mx")]
    ref = models.CharField(max_length=12, unique=True)
    title = models.CharField(max_length=10, choices=TITLES, blank=True)
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    email = models.EmailField(blank=True, db_index=True)
    phone = models.CharField(max_length=30, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    deceased = models.BooleanField(default=False)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL)
    first_gift_date = models.DateField(null=True, blank=True)
    last_gift_date = models.DateField(null=True, blank=True)
    lifetime_value = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    source = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return "%s %s (%s)" % (self.first_name, self.last_name, self.ref)

    @property
    def full_name(self):
        return " ".join(p for p in (self.title, self.first_name, self.last_name) if p)

    def primary_address(self):
        return self.address_set.filter(primary=True).first()

    def can_contact(self, channel):
        if self.deceased:
            return False
        pref = self.contactpreference_set.filter(channel=channel).first()
        return bool(pref and pref.opted_in)


class Address(models.Model):
    supporter = models.ForeignKey(Supporter, on_delete=models.CASCADE)
    line1 = models.CharField(max_length=120)
    line2 = models.CharField(max_length=120, blank=True)
    town = models.CharField(max_length=80)
    county = models.CharField(max_length=80, blank=True)
    postcode = models.CharField(max_length=10)
    country = models.CharField(max_length=2, default="GB")
    primary = models.BooleanField(default=True)
    gone_away = models.BooleanField(default=False)

    def one_line(self):
        return ", ".join(p for p in (self.line1, self.line2, self.town, self.postcode) if p)


class ContactPreference(models.Model):
    CHANNELS = (("email", "Email"), ("post", "Post"), ("phone", "Phone"), ("sms", "SMS"))
    supporter = models.ForeignKey(Supporter, on_delete=models.CASCADE)
    channel = models.CharField(max_length=10, choices=CHANNELS)
    opted_in = models.BooleanField(default=False)
    statement = models.CharField(max_length=200, blank=True)
    changed = models.DateTimeField(default=timezone.now)

    class Meta:
        unique_together = ("supporter", "channel")


class Campaign(TimeStampedModel):
    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, default="appeal")  # appeal, event, raffle, legacy
    starts = models.DateField()
    ends = models.DateField(null=True, blank=True)
    target = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    raised = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    restricted_fund = models.CharField(max_length=60, blank=True)
    active = models.BooleanField(default=True)

    def __str__(self):
        return "%s - %s" % (self.code, self.name)

    def percent_of_target(self):
        if not self.target:
            return 0
        return int(self.raised * 100 / self.target)


class Appeal(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE)
    code = models.CharField(max_length=20, unique=True)  # printed on response forms
    channel = models.CharField(max_length=20)  # mail, email, tv, door-drop
    mailed_count = models.PositiveIntegerField(default=0)
    cost = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    sent_on = models.DateField(null=True, blank=True)


class Donation(TimeStampedModel):
    METHODS = (("card", "Card"), ("dd", "Direct debit"), ("cash", "Cash"),
               ("cheque", "Cheque"), ("bacs", "Bank transfer"), ("payroll", "Payroll giving"))
    supporter = models.ForeignKey(Supporter, on_delete=models.PROTECT)
    campaign = models.ForeignKey(Campaign, null=True, blank=True, on_delete=models.SET_NULL)
    appeal = models.ForeignKey(Appeal, null=True, blank=True, on_delete=models.SET_NULL)
    recurring_gift = models.ForeignKey("crm.RecurringGift", null=True, blank=True,
                                       on_delete=models.SET_NULL)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    received = models.DateField(default=timezone.localdate)
    method = models.CharField(max_length=10, choices=METHODS)
    payment_ref = models.CharField(max_length=64, blank=True)
    gift_aid_eligible = models.BooleanField(default=False)
    gift_aid_claimed = models.BooleanField(default=False)
    anonymous = models.BooleanField(default=False)
    in_memory_of = models.CharField(max_length=120, blank=True)
    batch_no = models.CharField(max_length=20, blank=True)
    refunded = models.BooleanField(default=False)

    class Meta:
        ordering = ["-received"]

    def __str__(self):
        return "%s %s" % (self.supporter_id, self.amount)

    def gift_aid_value(self):
        if not self.gift_aid_eligible:
            return Decimal("0")
        return (self.amount * Decimal(settings.GIFT_AID_RATE)).quantize(Decimal("0.01"))


class Refund(models.Model):
    donation = models.ForeignKey(Donation, on_delete=models.CASCADE)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    reason = models.CharField(max_length=200)
    gateway_ref = models.CharField(max_length=64, blank=True)
    refunded_on = models.DateField(default=timezone.localdate)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)


class GiftAidDeclaration(TimeStampedModel):
    supporter = models.ForeignKey(Supporter, on_delete=models.CASCADE)
    made_on = models.DateField()
    covers_past_four_years = models.BooleanField(default=True)
    covers_future = models.BooleanField(default=True)
    cancelled_on = models.DateField(null=True, blank=True)
    method = models.CharField(max_length=10, default="online")  # online, paper, oral
    confirmation_sent = models.BooleanField(default=False)

    def covers(self, d):
        if self.cancelled_on and d >= self.cancelled_on:
            return False
        if d >= self.made_on:
            return self.covers_future
        if self.covers_past_four_years:
            return (self.made_on - d).days <= 4 * 365 + 1
        return False


class GiftAidClaim(models.Model):
    STATUS = (("draft", "Draft"), ("submitted", "Submitted"), ("accepted", "Accepted"),
              ("rejected", "Rejected"), ("paid", "Paid"))
    reference = models.CharField(max_length=30, unique=True)
    period_start = models.DateField()
    period_end = models.DateField()
    tax_year = models.ForeignKey("utils.TaxYear", null=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=10, choices=STATUS, default="draft")
    total_donations = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    total_claimed = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    hmrc_correlation_id = models.CharField(max_length=64, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "giftaid_claims"


class ClaimLine(models.Model):
    claim = models.ForeignKey(GiftAidClaim, related_name="lines", on_delete=models.CASCADE)
    donation = models.OneToOneField(Donation, on_delete=models.PROTECT)
    declaration = models.ForeignKey(GiftAidDeclaration, on_delete=models.PROTECT)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    house_no = models.CharField(max_length=40)
    postcode = models.CharField(max_length=10)
