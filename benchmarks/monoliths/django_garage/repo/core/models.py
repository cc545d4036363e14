"""
Invoicing. Yes, "core". It was the core of the business when we started
(2018, a till replacement). Everything money-related lives here.
"""
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Sum
from django.utils import timezone

from common.models import TimeStampedModel


class TaxRate(models.Model):
    code = models.CharField(max_length=10, unique=True)  # S, Z, E (exempt), R (reduced)
    name = models.CharField(max_length=40)
    rate = models.DecimalField(max_digits=5, decimal_places=2)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)

    def __str__(self):
        return '%s (%s%%)' % (self.name, self.rate)


class InvoiceQuerySet(models.QuerySet):
    def outstanding(self):
        return self.filter(status__in=['issued', 'part_paid'])

    def overdue(self):
        return self.outstanding().filter(due_on__lt=timezone.localdate())


class Invoice(TimeStampedModel):
    STATUS_CHOICES = (
        ('draft', 'Draft'),
        ('issued', 'Issued'),
        ('part_paid', 'Part paid'),
        ('paid', 'Paid'),
        ('void', 'Void'),
        ('written_off', 'Written off'),
    )
    number = models.CharField(max_length=20, unique=True)
    customer = models.ForeignKey('customers.Customer', on_delete=models.PROTECT, related_name='invoices')
    fleet_account = models.ForeignKey('customers.FleetAccount', null=True, blank=True, on_delete=models.PROTECT)
    work_order = models.ForeignKey('shop.WorkOrder', null=True, blank=True, on_delete=models.PROTECT,
                                   related_name='invoices')
    branch_code = models.CharField(max_length=8, default='HQ')
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default='draft', db_index=True)
    issued_on = models.DateField(null=True, blank=True, db_index=True)
    due_on = models.DateField(null=True, blank=True)
    net_total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    vat_total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    gross_total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    amount_paid = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_reminder_at = models.DateTimeField(null=True, blank=True)
    exported_at = models.DateTimeField(null=True, blank=True, help_text='Pushed to the accounts package')
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        db_table = 'invoices'
        ordering = ('-issued_on', '-id')

    def __str__(self):
        return self.number

    @property
    def balance(self):
        return self.gross_total - self.amount_paid

    def recalc_totals(self, save=True):
        agg = self.lines.aggregate(net=Sum('net_amount'), vat=Sum('vat_amount'))
        self.net_total = agg['net'] or Decimal('0.00')
        self.vat_total = agg['vat'] or Decimal('0.00')
        self.gross_total = self.net_total + self.vat_total
        if save:
            self.save(update_fields=['net_total', 'vat_total', 'gross_total', 'updated_at'])


class InvoiceLine(models.Model):
    KINDS = (('labour', 'Labour'), ('part', 'Part'), ('sundry', 'Sundry'), ('discount', 'Discount'))
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name='lines')
    kind = models.CharField(max_length=8, choices=KINDS)
    description = models.CharField(max_length=200)
    quantity = models.DecimalField(max_digits=8, decimal_places=2, default=1)
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)
    tax_rate = models.ForeignKey(TaxRate, on_delete=models.PROTECT)
    net_amount = models.DecimalField(max_digits=10, decimal_places=2)
    vat_amount = models.DecimalField(max_digits=10, decimal_places=2)
    source_ref = models.CharField(max_length=40, blank=True, help_text='e.g. workorderpart:123')
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ('sort_order', 'id')


class Payment(TimeStampedModel):
    METHODS = (
        ('card', 'Card (terminal)'),
        ('cash', 'Cash'),
        ('bacs', 'Bank transfer'),
        ('online', 'Online (pay link)'),
        ('finance', 'Finance company'),
        ('loyalty', 'Loyalty points'),
    )
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name='payments')
    method = models.CharField(max_length=8, choices=METHODS)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    received_at = models.DateTimeField(default=timezone.now)
    reference = models.CharField(max_length=64, blank=True)
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    refunded = models.BooleanField(default=False)


class CreditNote(TimeStampedModel):
    number = models.CharField(max_length=20, unique=True)
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name='credit_notes')
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    reason = models.CharField(max_length=200)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    refund_payment = models.ForeignKey(Payment, null=True, blank=True, on_delete=models.SET_NULL)


def next_invoice_number(prefix='INV'):
    last = Invoice.objects.filter(number__startswith=prefix + '-').order_by('-id').values_list('number', flat=True).first()
    n = int(last.split('-')[-1]) + 1 if last else 100001
    return '%s-%d' % (prefix, n)


from core import signals  # noqa  E402  -- connect receivers
