from django.db import models
from django.utils import timezone

from utils.models import TimeStampedModel


class DirectDebitMandate(TimeStampedModel):
    supporter = models.ForeignKey("core.Supporter", on_delete=models.CASCADE)
    reference = models.CharField(max_length=18, unique=True)
    account_name = models.CharField(max_length=100)
    sort_code_last2 = models.CharField(max_length=2)
    account_last4 = models.CharField(max_length=4)
    status = models.CharField(max_length=12, default="pending")  # pending, live, cancelled, failed
    gateway_id = models.CharField(max_length=64, blank=True)
    auddis_sent = models.DateField(null=True, blank=True)


class RecurringGift(TimeStampedModel):
    FREQ = (("M", "Monthly"), ("Q", "Quarterly"), ("A", "Annual"))
    supporter = models.ForeignKey("core.Supporter", on_delete=models.CASCADE)
    mandate = models.ForeignKey(DirectDebitMandate, null=True, blank=True, on_delete=models.SET_NULL)
    campaign = models.ForeignKey("core.Campaign", null=True, blank=True, on_delete=models.SET_NULL)
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    frequency = models.CharField(max_length=1, choices=FREQ, default="M")
    collection_day = models.PositiveSmallIntegerField(default=1)
    next_due = models.DateField()
    status = models.CharField(max_length=12, default="active")  # active, paused, cancelled
    failures = models.PositiveSmallIntegerField(default=0)
    cancelled_reason = models.CharField(max_length=120, blank=True)

    def __str__(self):
        return "%s %s/%s" % (self.supporter_id, self.amount, self.frequency)


class CollectionRun(models.Model):
    run_date = models.DateField(default=timezone.localdate)
    submitted = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    total = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "dd_collection_runs"


class Segment(models.Model):
    name = models.CharField(max_length=100)
    rules = models.JSONField(default=dict)
    last_count = models.PositiveIntegerField(default=0)
    refreshed = models.DateTimeField(null=True, blank=True)
    owner = models.CharField(max_length=60, blank=True)


class Mailing(TimeStampedModel):
    appeal = models.ForeignKey("core.Appeal", null=True, blank=True, on_delete=models.SET_NULL)
    segment = models.ForeignKey(Segment, on_delete=models.PROTECT)
    channel = models.CharField(max_length=10, default="email")
    subject = models.CharField(max_length=200)
    template = models.CharField(max_length=100)
    scheduled_for = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)


class MailingRecipient(models.Model):
    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE)
    supporter = models.ForeignKey("core.Supporter", on_delete=models.CASCADE)
    sent = models.BooleanField(default=False)
    bounced = models.BooleanField(default=False)
    opened = models.DateTimeField(null=True, blank=True)


class Interaction(models.Model):
    supporter = models.ForeignKey("core.Supporter", on_delete=models.CASCADE)
    kind = models.CharField(max_length=20)  # call, letter, complaint, thank-you
    notes = models.TextField(blank=True)
    happened = models.DateTimeField(default=timezone.now)
    staff = models.CharField(max_length=60, blank=True)


class HmrcSubmission(models.Model):
    claim = models.ForeignKey("core.GiftAidClaim", on_delete=models.CASCADE)
    correlation_id = models.CharField(max_length=64)
    request_xml = models.TextField()
    response_xml = models.TextField(blank=True)
    status = models.CharField(max_length=12, default="sent")
    sent_at = models.DateTimeField(auto_now_add=True)


class Volunteer(TimeStampedModel):
    supporter = models.OneToOneField("core.Supporter", on_delete=models.CASCADE)
    status = models.CharField(max_length=12, default="applied")  # applied, active, inactive
    dbs_checked = models.DateField(null=True, blank=True)
    emergency_contact = models.CharField(max_length=120, blank=True)
    skills = models.CharField(max_length=255, blank=True)  # comma separated, sorry
    preferred_location = models.CharField(max_length=80, blank=True)
    hours_logged = models.DecimalField(max_digits=8, decimal_places=2, default=0)

    def skill_list(self):
        return [s.strip() for s in self.skills.split(",") if s.strip()]
