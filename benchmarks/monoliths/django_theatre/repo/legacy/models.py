"""
Models over the tables imported from the old PHP site.

DO NOT rename the tables, finance's Access database reads tbl_gifts and
tbl_giftaid directly over ODBC (yes, really).
"""
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.models import Patron, Production


class Gift(models.Model):
    METHODS = (("cash", "Cash"), ("cheque", "Cheque"), ("card", "Card"), ("dd", "Direct debit"), ("so", "Standing order"), ("online", "Online"), ("legacy", "Legacy/bequest"))

    donor = models.ForeignKey(Patron, db_column="donor_id", related_name="gifts", on_delete=models.PROTECT)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    received_on = models.DateField(db_column="date_received")
    method = models.CharField(max_length=10, choices=METHODS, default="cheque")
    campaign = models.ForeignKey("backoffice.FundraisingCampaign", null=True, blank=True, on_delete=models.SET_NULL)
    fund_code = models.CharField(max_length=10, default="UNRES", help_text="UNRES / CAPITAL / LEARN / ...")
    gift_aid_eligible = models.BooleanField(default=False)
    claimed_in = models.CharField(max_length=20, blank=True, help_text="Gift aid claim batch ref")
    acknowledged = models.BooleanField(default=False)
    ack_sent_on = models.DateField(null=True, blank=True)
    anonymous = models.BooleanField(default=False)
    legacy_ref = models.CharField(max_length=20, blank=True)
    entered_by = models.CharField(max_length=50, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        db_table = "tbl_gifts"
        ordering = ["-received_on"]

    def __str__(self):
        return "Gift %s from %s" % (self.pk, self.donor_id)


class GiftAidDeclaration(models.Model):
    patron = models.ForeignKey(Patron, related_name="giftaid_declarations", on_delete=models.CASCADE)
    declared_on = models.DateField(default=timezone.localdate)
    covers_past_four_years = models.BooleanField(default=True)
    revoked_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=20, default="paper")
    scan = models.FileField(upload_to="giftaid/", blank=True)

    class Meta:
        db_table = "tbl_giftaid"

    def is_valid_on(self, day):
        if self.revoked_on and day >= self.revoked_on:
            return False
        if self.covers_past_four_years:
            return day >= self.declared_on.replace(year=self.declared_on.year - 4)
        return day >= self.declared_on


class RenewalRun(models.Model):
    run_on = models.DateTimeField(default=timezone.now)
    tier = models.ForeignKey("main.MembershipTier", null=True, blank=True, on_delete=models.SET_NULL)
    days_before = models.IntegerField(default=0)
    notices_sent = models.PositiveIntegerField(default=0)
    renewed_count = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=20, default="running")
    log = models.TextField(blank=True)

    class Meta:
        db_table = "tbl_renewal_run"


class Volunteer(models.Model):
    patron = models.ForeignKey(Patron, null=True, blank=True, on_delete=models.SET_NULL)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    first_name = models.CharField(max_length=100, db_column="fname")
    last_name = models.CharField(max_length=100, db_column="sname")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    dbs_checked_on = models.DateField(null=True, blank=True)
    started_on = models.DateField(null=True, blank=True)
    is_active = models.BooleanField(default=True, db_column="active")
    max_shifts_per_month = models.PositiveIntegerField(default=6)
    emergency_contact = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        db_table = "vol_volunteer"
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return "%s %s" % (self.first_name, self.last_name)


class VolunteerAvailability(models.Model):
    WEEKDAYS = [(i, d) for i, d in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))]

    volunteer = models.ForeignKey(Volunteer, related_name="availability", on_delete=models.CASCADE)
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS)
    matinee = models.BooleanField(default=False)
    evening = models.BooleanField(default=True)
    available_from = models.DateField(null=True, blank=True)
    available_to = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "vol_availability"


class MailingList(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(unique=True)
    description = models.TextField(blank=True)
    is_public = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "mail_list"

    def __str__(self):
        return self.name

    def subscribers(self):
        return Patron.objects.filter(
            contact_preferences__mailing_list=self,
            contact_preferences__channel="email",
            contact_preferences__opted_in=True,
            do_not_contact=False,
            merged_into__isnull=True,
        ).exclude(email="").distinct()


class Mailing(models.Model):
    STATUSES = (("draft", "Draft"), ("scheduled", "Scheduled"), ("sending", "Sending"), ("sent", "Sent"), ("failed", "Failed"))

    subject = models.CharField(max_length=200)
    mailing_list = models.ForeignKey(MailingList, db_column="list_id", related_name="mailings", on_delete=models.PROTECT)
    body_html = models.TextField()
    body_text = models.TextField(blank=True)
    production = models.ForeignKey(Production, null=True, blank=True, on_delete=models.SET_NULL)
    scheduled_for = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=STATUSES, default="draft")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)

    class Meta:
        db_table = "mail_mailing"

    def __str__(self):
        return self.subject


class MailingRecipient(models.Model):
    mailing = models.ForeignKey(Mailing, related_name="recipients", on_delete=models.CASCADE)
    patron = models.ForeignKey(Patron, null=True, on_delete=models.SET_NULL)
    email = models.EmailField()
    token = models.UUIDField(default=uuid.uuid4, unique=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    clicked_at = models.DateTimeField(null=True, blank=True)
    bounced = models.BooleanField(default=False)
    unsubscribed = models.BooleanField(default=False)

    class Meta:
        db_table = "mail_recipient"
        unique_together = ("mailing", "email")
