from django.conf import settings
from django.db import models

from common.models import TimeStampedModel


class Payout(TimeStampedModel):
    STATUS = [("draft", "Draft"), ("approved", "Approved"), ("exported", "Sent to bank"), ("paid", "Paid")]

    promoter = models.ForeignKey("core.Promoter", on_delete=models.PROTECT, related_name="payouts")
    period_start = models.DateField()
    period_end = models.DateField()
    gross_pence = models.IntegerField(default=0)
    fee_pence = models.IntegerField(default=0)
    refunds_pence = models.IntegerField(default=0)
    net_pence = models.IntegerField(default=0)
    status = models.CharField(max_length=10, choices=STATUS, default="draft")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        db_table = "promoter_payouts"
        unique_together = [("promoter", "period_start", "period_end")]


class PayoutLine(models.Model):
    payout = models.ForeignKey(Payout, on_delete=models.CASCADE, related_name="lines")
    performance = models.ForeignKey("core.Performance", on_delete=models.PROTECT)
    tickets = models.PositiveIntegerField(default=0)
    gross_pence = models.IntegerField(default=0)
    fee_pence = models.IntegerField(default=0)
    refunds_pence = models.IntegerField(default=0)
