"""Ported from the 2016 PHP back office ("OwnerPay").  Column names kept so the
old reports in Crystal still run against the same tables."""
from django.db import models


class OwnerAccount(models.Model):
    PAYOUT_METHODS = [("ach", "ACH"), ("check", "Paper check"), ("hold", "Hold funds")]

    legacy_id = models.CharField(max_length=20, blank=True, db_index=True)
    name = models.CharField(max_length=150)
    email = models.EmailField()
    tax_id = models.CharField(max_length=20, blank=True)
    bank_routing = models.CharField(max_length=9, blank=True)
    bank_account_last4 = models.CharField(max_length=4, blank=True)
    payout_method = models.CharField(max_length=10, choices=PAYOUT_METHODS, default="ach")
    reserve_cents = models.PositiveIntegerField(default=25000)

    class Meta:
        db_table = "owners"

    def __str__(self):
        return self.name


class ManagementAgreement(models.Model):
    owner = models.ForeignKey(OwnerAccount, on_delete=models.CASCADE, related_name="agreements")
    building = models.ForeignKey("main.Building", on_delete=models.CASCADE, related_name="+")
    fee_percent = models.DecimalField(max_digits=4, decimal_places=2, default=8)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)


class OwnerStatement(models.Model):
    owner = models.ForeignKey(OwnerAccount, on_delete=models.CASCADE, related_name="statements")
    period_start = models.DateField()
    period_end = models.DateField()
    gross_rent_cents = models.IntegerField(default=0)
    management_fee_cents = models.IntegerField(default=0)
    expenses_cents = models.IntegerField(default=0)
    net_cents = models.IntegerField(default=0)
    generated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        unique_together = [("owner", "period_start")]


class Payout(models.Model):
    STATUS = [("pending", "Pending"), ("exported", "Exported"), ("sent", "Sent"), ("failed", "Failed")]

    owner = models.ForeignKey(OwnerAccount, on_delete=models.CASCADE, related_name="payouts")
    statement = models.OneToOneField(OwnerStatement, on_delete=models.CASCADE)
    amount_cents = models.IntegerField()
    status = models.CharField(max_length=10, choices=STATUS, default="pending")
    exported_at = models.DateTimeField(null=True, blank=True)
    bank_reference = models.CharField(max_length=40, blank=True)
