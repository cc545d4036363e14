"""
Workshop models: job cards ("work orders") and the parts store.

The parts side was meant to become its own app ("stores") -- see the
abandoned branch feature/stores-app. Until then everything is in here.
"""
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Sum
from django.utils import timezone

from common.models import TimeStampedModel


# ===========================================================================
# job cards
# ===========================================================================

class WorkOrderQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=['invoiced', 'collected', 'cancelled'])

    def for_branch(self, branch_code):
        return self.filter(branch_code=branch_code)

    def waiting_parts(self):
        return self.filter(status='waiting_parts')


class WorkOrder(TimeStampedModel):
    STATUS_CHOICES = (
        ('open', 'Open'),
        ('diagnosing', 'Diagnosing'),
        ('awaiting_auth', 'Awaiting customer authorisation'),
        ('waiting_parts', 'Waiting for parts'),
        ('in_progress', 'In progress'),
        ('qc', 'Quality check'),
        ('completed', 'Completed'),
        ('invoiced', 'Invoiced'),
        ('collected', 'Collected'),
        ('cancelled', 'Cancelled'),
    )
    PAYER_CHOICES = (
        ('customer', 'Customer'),
        ('fleet', 'Fleet account'),
        ('warranty', 'Manufacturer warranty'),
        ('internal', 'Internal / goodwill'),
    )
    number = models.CharField(max_length=20, unique=True)
    branch_code = models.CharField(max_length=8, default='HQ')
    customer = models.ForeignKey('customers.Customer', on_delete=models.PROTECT, related_name='work_orders')
    vehicle = models.ForeignKey('customers.Vehicle', on_delete=models.PROTECT, related_name='work_orders')
    appointment = models.OneToOneField('common.Appointment', null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name='work_order')
    technician = models.ForeignKey('accounts.Technician', null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name='work_orders')
    bay = models.ForeignKey('common.ServiceBay', null=True, blank=True, on_delete=models.SET_NULL)
    job_type = models.CharField(max_length=12, default='FULL')
    payer = models.CharField(max_length=10, choices=PAYER_CHOICES, default='customer')
    status = models.CharField(max_length=16, choices=STATUS_CHOICES, default='open', db_index=True)
    complaint = models.TextField(blank=True, help_text="Customer's description of the problem")
    diagnosis = models.TextField(blank=True)
    mileage_in = models.PositiveIntegerField(null=True, blank=True)
    estimate_total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    authorised_limit = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    authorised_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(default=timezone.now)
    promised_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name='+')
    is_comeback = models.BooleanField(default=False, help_text='Returned within 30 days for the same fault')

    objects = WorkOrderQuerySet.as_manager()

    class Meta:
        db_table = 'work_orders'
        ordering = ('-opened_at',)

    def __str__(self):
        return self.number

    @property
    def labour_total(self):
        return self.labour_lines.aggregate(s=Sum(F('hours') * F('rate')))['s'] or Decimal('0.00')

    @property
    def parts_total(self):
        return self.part_lines.aggregate(s=Sum(F('quantity') * F('unit_price')))['s'] or Decimal('0.00')

    @property
    def total(self):
        return self.labour_total + self.parts_total

    def is_open(self):
        return self.status not in ('invoiced', 'collected', 'cancelled')


class WorkOrderLabor(models.Model):
    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name='labour_lines')
    technician = models.ForeignKey('accounts.Technician', null=True, blank=True, on_delete=models.SET_NULL)
    description = models.CharField(max_length=200)
    op_code = models.CharField(max_length=20, blank=True, help_text='Manufacturer labour op code (warranty)')
    hours = models.DecimalField(max_digits=5, decimal_places=2)
    rate = models.DecimalField(max_digits=7, decimal_places=2)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    is_warranty = models.BooleanField(default=False)


class WorkOrderPart(models.Model):
    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name='part_lines')
    part = models.ForeignKey('Part', on_delete=models.PROTECT)
    quantity = models.DecimalField(max_digits=8, decimal_places=2, default=1)
    unit_price = models.DecimalField(max_digits=9, decimal_places=2)
    unit_cost = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    is_warranty = models.BooleanField(default=False)
    fitted = models.BooleanField(default=False)
    returned_core = models.BooleanField(default=False)


class Inspection(TimeStampedModel):
    """Vehicle health check (the traffic-light sheet)."""
    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name='inspections')
    technician = models.ForeignKey('accounts.Technician', null=True, on_delete=models.SET_NULL)
    template = models.CharField(max_length=20, default='vhc_standard')
    sent_to_customer_at = models.DateTimeField(null=True, blank=True)
    customer_viewed_at = models.DateTimeField(null=True, blank=True)


class InspectionItem(models.Model):
    RAG = (('green', 'OK'), ('amber', 'Advisory'), ('red', 'Urgent'))
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name='items')
    area = models.CharField(max_length=40)  # brakes / tyres / lights ...
    item = models.CharField(max_length=80)
    rating = models.CharField(max_length=5, choices=RAG, default='green')
    measurement = models.CharField(max_length=20, blank=True)
    comment = models.CharField(max_length=250, blank=True)
    estimated_cost = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    customer_approved = models.NullBooleanField()


def next_work_order_number(branch_code='HQ'):
    last = WorkOrder.objects.filter(branch_code=branch_code).order_by('-id').values_list('number', flat=True).first()
    n = int(last.rsplit('-', 1)[-1]) + 1 if last else 1
    return 'WO-%s-%06d' % (branch_code, n)


# ===========================================================================
# parts store / purchasing
# ===========================================================================

class Supplier(TimeStampedModel):
    name = models.CharField(max_length=100)
    account_ref = models.CharField(max_length=30, blank=True)
    email_orders = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    edi_code = models.CharField(max_length=20, blank=True, help_text='Code used in the nightly price feed')
    lead_time_days = models.PositiveSmallIntegerField(default=1)
    is_active = models.BooleanField(default=True)

    def __str__(self):
        return self.name


class PartQuerySet(models.QuerySet):
    def below_reorder(self):
        return self.filter(is_stocked=True, qty_on_hand__lte=F('reorder_level'))


class Part(TimeStampedModel):
    part_number = models.CharField(max_length=40, db_index=True)
    description = models.CharField(max_length=200)
    brand = models.CharField(max_length=40, blank=True)
    category = models.CharField(max_length=40, blank=True)
    preferred_supplier = models.ForeignKey(Supplier, null=True, blank=True, on_delete=models.SET_NULL,
                                           related_name='parts')
    cost_price = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    sell_price = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    qty_on_hand = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    qty_reserved = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    reorder_level = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    reorder_qty = models.DecimalField(max_digits=9, decimal_places=2, default=1)
    bin_location = models.CharField(max_length=20, blank=True)
    is_stocked = models.BooleanField(default=True)
    oem_part = models.BooleanField(default=False)

    objects = PartQuerySet.as_manager()

    class Meta:
        db_table = 'parts'
        unique_together = (('part_number', 'brand'),)

    def __str__(self):
        return '%s %s' % (self.part_number, self.description)

    @property
    def available(self):
        return self.qty_on_hand - self.qty_reserved


class PurchaseOrder(TimeStampedModel):
    STATUS = (('draft', 'Draft'), ('sent', 'Sent'), ('part', 'Part received'),
              ('received', 'Received'), ('cancelled', 'Cancelled'))
    number = models.CharField(max_length=20, unique=True)
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name='orders')
    status = models.CharField(max_length=10, choices=STATUS, default='draft')
    for_work_order = models.ForeignKey(WorkOrder, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name='purchase_orders')
    sent_at = models.DateTimeField(null=True, blank=True)
    expected_on = models.DateField(null=True, blank=True)
    supplier_invoice_ref = models.CharField(max_length=40, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)

    @property
    def total(self):
        return sum((l.quantity * l.unit_cost for l in self.lines.all()), Decimal('0.00'))


class PurchaseOrderLine(models.Model):
    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name='lines')
    part = models.ForeignKey(Part, on_delete=models.PROTECT)
    quantity = models.DecimalField(max_digits=9, decimal_places=2)
    quantity_received = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    unit_cost = models.DecimalField(max_digits=9, decimal_places=2)


class StockMovement(models.Model):
    REASONS = (
        ('receipt', 'Goods received'),
        ('issue', 'Issued to job'),
        ('return', 'Returned from job'),
        ('supplier_return', 'Returned to supplier'),
        ('adjust', 'Stock take adjustment'),
        ('warranty', 'Warranty part (OEM supplied)'),
    )
    part = models.ForeignKey(Part, on_delete=models.CASCADE, related_name='movements')
    quantity = models.DecimalField(max_digits=9, decimal_places=2)  # +in / -out
    reason = models.CharField(max_length=16, choices=REASONS)
    unit_cost = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    work_order = models.ForeignKey(WorkOrder, null=True, blank=True, on_delete=models.SET_NULL)
    purchase_order = models.ForeignKey(PurchaseOrder, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
