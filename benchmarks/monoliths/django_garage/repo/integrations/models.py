"""
Third-party integration stuff: manufacturer (OEM) warranty portals and the
supplier price feeds.
"""
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Sum
from django.utils import timezone

from common.models import TimeStampedModel


class Manufacturer(models.Model):
    name = models.CharField(max_length=60, unique=True)
    portal_code = models.CharField(max_length=10, blank=True, help_text='Key into settings.OEM_PORTALS')
    dealer_code = models.CharField(max_length=20, blank=True)
    labour_rate = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True,
                                      help_text='Warranty labour rate agreed with the OEM')
    parts_markup_percent = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    claim_window_days = models.PositiveSmallIntegerField(default=30)
    vin_prefixes = models.CharField(max_length=200, blank=True, help_text='Comma separated WMI codes')

    def __str__(self):
        return self.name


class WarrantyClaim(TimeStampedModel):
    STATUS = (
        ('draft', 'Draft'),
        ('submitted', 'Submitted'),
        ('query', 'Query from OEM'),
        ('approved', 'Approved'),
        ('part_approved', 'Partially approved'),
        ('rejected', 'Rejected'),
        ('paid', 'Paid'),
    )
    reference = models.CharField(max_length=20, unique=True)
    manufacturer = models.ForeignKey(Manufacturer, on_delete=models.PROTECT, related_name='claims')
    work_order = models.ForeignKey('shop.WorkOrder', on_delete=models.PROTECT, related_name='warranty_claims')
    vehicle = models.ForeignKey('customers.Vehicle', on_delete=models.PROTECT)
    status = models.CharField(max_length=14, choices=STATUS, default='draft', db_index=True)
    failure_code = models.CharField(max_length=20, blank=True)
    cause = models.TextField(blank=True)
    correction = models.TextField(blank=True)
    mileage = models.PositiveIntegerField(null=True, blank=True)
    repair_date = models.DateField(null=True, blank=True)
    amount_claimed = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    amount_paid = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    oem_reference = models.CharField(max_length=40, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    parts_returned = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)

    def recalc(self, save=True):
        self.amount_claimed = self.lines.aggregate(s=Sum('amount'))['s'] or Decimal('0.00')
        if save:
            self.save(update_fields=['amount_claimed', 'updated_at'])


class ClaimLine(models.Model):
    KINDS = (('labour', 'Labour'), ('part', 'Part'), ('sublet', 'Sublet'))
    claim = models.ForeignKey(WarrantyClaim, on_delete=models.CASCADE, related_name='lines')
    kind = models.CharField(max_length=6, choices=KINDS)
    op_code = models.CharField(max_length=20, blank=True)
    part = models.ForeignKey('shop.Part', null=True, blank=True, on_delete=models.PROTECT)
    description = models.CharField(max_length=200)
    quantity = models.DecimalField(max_digits=7, decimal_places=2, default=1)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    approved_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)


class ClaimStatusLog(models.Model):
    claim = models.ForeignKey(WarrantyClaim, on_delete=models.CASCADE, related_name='status_log')
    status = models.CharField(max_length=14)
    message = models.TextField(blank=True)
    raw_payload = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = 'oem_claim_status_log'
        ordering = ('-created_at',)


class RecallNotice(models.Model):
    manufacturer = models.ForeignKey(Manufacturer, on_delete=models.CASCADE, related_name='recalls')
    campaign_code = models.CharField(max_length=30)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    vin_from = models.CharField(max_length=17, blank=True)
    vin_to = models.CharField(max_length=17, blank=True)
    model_years = models.CharField(max_length=40, blank=True)
    published_on = models.DateField(null=True, blank=True)
    labour_hours = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        unique_together = (('manufacturer', 'campaign_code'),)


class SupplierFeedLog(models.Model):
    """One row per nightly price/availability file imported from a supplier."""
    supplier = models.ForeignKey('shop.Supplier', on_delete=models.CASCADE, related_name='feed_logs')
    filename = models.CharField(max_length=200)
    imported_at = models.DateTimeField(default=timezone.now)
    rows_read = models.PositiveIntegerField(default=0)
    parts_updated = models.PositiveIntegerField(default=0)
    parts_created = models.PositiveIntegerField(default=0)
    errors = models.TextField(blank=True)
