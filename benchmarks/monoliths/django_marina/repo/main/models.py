from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from utils.models import TimeStampedModel


# ---------------------------------------------------------------------------
# Berths & moorings
# ---------------------------------------------------------------------------

class Pontoon(models.Model):
    code = models.CharField(max_length=4, unique=True)
    name = models.CharField(max_length=64)
    has_power = models.BooleanField(default=True)
    has_water = models.BooleanField(default=True)
    max_draft_m = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)

    def __str__(self):
        return self.name


class Berth(models.Model):
    pontoon = models.ForeignKey(Pontoon, on_delete=models.PROTECT, related_name='berths')
    number = models.CharField(max_length=8)
    length_m = models.DecimalField(max_digits=5, decimal_places=2)
    width_m = models.DecimalField(max_digits=4, decimal_places=2)
    depth_m = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    is_visitor = models.BooleanField(default=False)
    out_of_service = models.BooleanField(default=False)
    notes = models.TextField(blank=True)

    class Meta:
        unique_together = ('pontoon', 'number')
        ordering = ('pontoon__code', 'number')

    def __str__(self):
        return '%s%s' % (self.pontoon.code, self.number)


class BerthTariff(models.Model):
    season = models.CharField(max_length=10, choices=(('annual', 'Annual'), ('summer', 'Summer'), ('winter', 'Winter'), ('visitor', 'Visitor nightly')))
    band = models.CharField(max_length=1)
    price_per_m = models.DecimalField(max_digits=8, decimal_places=2)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)


class ActiveAllocationManager(models.Manager):
    def get_queryset(self):
        today = timezone.localdate()
        return super().get_queryset().filter(start_date__lte=today).filter(
            models.Q(end_date__isnull=True) | models.Q(end_date__gte=today)).exclude(status='cancelled')


class BerthAllocation(TimeStampedModel):
    STATUS = (('provisional', 'Provisional'), ('confirmed', 'Confirmed'), ('cancelled', 'Cancelled'), ('ended', 'Ended'))
    berth = models.ForeignKey(Berth, on_delete=models.PROTECT, related_name='allocations')
    boat = models.ForeignKey('boats.Boat', on_delete=models.PROTECT, related_name='allocations')
    owner = models.ForeignKey('boats.Owner', on_delete=models.PROTECT, related_name='allocations')
    contract_type = models.CharField(max_length=10, default='annual')
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=STATUS, default='provisional')
    agreed_price = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    invoice = models.ForeignKey('main.Invoice', null=True, blank=True, on_delete=models.SET_NULL)

    objects = models.Manager()
    active = ActiveAllocationManager()


class WaitingListEntry(models.Model):
    owner = models.ForeignKey('boats.Owner', on_delete=models.CASCADE)
    boat = models.ForeignKey('boats.Boat', null=True, blank=True, on_delete=models.SET_NULL)
    min_length_m = models.DecimalField(max_digits=5, decimal_places=2)
    preferred_pontoon = models.ForeignKey(Pontoon, null=True, blank=True, on_delete=models.SET_NULL)
    joined = models.DateField(default=timezone.localdate)
    deposit_paid = models.BooleanField(default=False)
    offered_berth = models.ForeignKey(Berth, null=True, blank=True, on_delete=models.SET_NULL)
    offer_expires = models.DateField(null=True, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ('joined',)
        verbose_name_plural = 'waiting list'


class Mooring(models.Model):
    ref = models.CharField(max_length=10, unique=True)
    lat = models.DecimalField(max_digits=9, decimal_places=6)
    lon = models.DecimalField(max_digits=9, decimal_places=6)
    max_tonnes = models.DecimalField(max_digits=5, decimal_places=1)
    holder = models.ForeignKey('boats.Owner', null=True, blank=True, on_delete=models.SET_NULL)
    boat = models.ForeignKey('boats.Boat', null=True, blank=True, on_delete=models.SET_NULL)
    annual_fee = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal('450.00'))


class MooringInspection(models.Model):
    mooring = models.ForeignKey(Mooring, on_delete=models.CASCADE, related_name='inspections')
    inspected_on = models.DateField()
    diver = models.CharField(max_length=64)
    chain_ok = models.BooleanField(default=True)
    notes = models.TextField(blank=True)
    next_due = models.DateField()


# ---------------------------------------------------------------------------
# Visitors (gate + berth). TODO move to staff app with the rest of access?
# ---------------------------------------------------------------------------

class VisitorBoat(TimeStampedModel):
    boat_name = models.CharField(max_length=64)
    skipper_name = models.CharField(max_length=128)
    phone = models.CharField(max_length=32, blank=True)
    email = models.EmailField(blank=True)
    loa_m = models.DecimalField(max_digits=5, decimal_places=2)
    arrived = models.DateField()
    departs = models.DateField()
    berth = models.ForeignKey(Berth, null=True, blank=True, on_delete=models.SET_NULL)
    gate_code = models.ForeignKey('staff.GateCode', null=True, blank=True, on_delete=models.SET_NULL)
    paid = models.BooleanField(default=False)
    checked_out = models.BooleanField(default=False)


# ---------------------------------------------------------------------------
# Billing (added 2019, replaced Sage exports)
# ---------------------------------------------------------------------------

class InvoiceQuerySet(models.QuerySet):
    def outstanding(self):
        return self.filter(status__in=('issued', 'part_paid'))

    def overdue(self):
        return self.outstanding().filter(due_date__lt=timezone.localdate())


class Invoice(TimeStampedModel):
    STATUS = (('draft', 'Draft'), ('issued', 'Issued'), ('part_paid', 'Part paid'), ('paid', 'Paid'), ('void', 'Void'))
    number = models.CharField(max_length=20, unique=True, null=True, blank=True)
    owner = models.ForeignKey('boats.Owner', null=True, blank=True, on_delete=models.PROTECT, related_name='invoices')
    visitor = models.ForeignKey(VisitorBoat, null=True, blank=True, on_delete=models.SET_NULL)
    issue_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=STATUS, default='draft')
    source = models.CharField(max_length=20, blank=True)  # berth / yard / shop / fuel / visitor
    net_total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    vat_total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    gross_total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    amount_paid = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    sent_reminders = models.PositiveSmallIntegerField(default=0)

    objects = InvoiceQuerySet.as_manager()

    def __str__(self):
        return self.number or 'DRAFT-%s' % self.pk

    @property
    def balance(self):
        return self.gross_total - self.amount_paid


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name='lines')
    description = models.CharField(max_length=255)
    quantity = models.DecimalField(max_digits=8, decimal_places=2, default=1)
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)
    vat_rate = models.DecimalField(max_digits=4, decimal_places=3, default=Decimal('0.200'))
    nominal_code = models.CharField(max_length=10, blank=True)


class Payment(models.Model):
    METHODS = (('card', 'Card'), ('cash', 'Cash'), ('bacs', 'BACS'), ('dd', 'Direct debit'), ('cheque', 'Cheque'))
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name='payments')
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    method = models.CharField(max_length=10, choices=METHODS)
    reference = models.CharField(max_length=64, blank=True)
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    received = models.DateTimeField(default=timezone.now)


class CreditNote(TimeStampedModel):
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name='credit_notes')
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    reason = models.CharField(max_length=255)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)


class DirectDebitMandate(models.Model):
    owner = models.OneToOneField('boats.Owner', on_delete=models.CASCADE, related_name='dd_mandate')
    gocardless_id = models.CharField(max_length=64)
    status = models.CharField(max_length=20, default='pending')
    monthly_instalments = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)
