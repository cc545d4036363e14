from decimal import Decimal

from django.db import models
from django.utils import timezone


class Supplier(models.Model):
    name = models.CharField(max_length=120)
    account_number = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    order_email = models.EmailField(blank=True)
    min_order_value = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    lead_days = models.PositiveSmallIntegerField(default=3)

    def __str__(self):
        return self.name


class SupplyItem(models.Model):
    sku = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=160)
    supplier = models.ForeignKey(Supplier, null=True, on_delete=models.SET_NULL, related_name='items')
    unit = models.CharField(max_length=20, default='each')
    unit_cost = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    reorder_level = models.PositiveIntegerField(default=5)
    reorder_qty = models.PositiveIntegerField(default=10)
    is_controlled = models.BooleanField(default=False)  # e.g. local anaesthetic log
    shelf_life_days = models.PositiveIntegerField(null=True, blank=True)
    retail = models.BooleanField(default=False)  # toothbrushes etc sold at desk
    retail_price = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    is_active = models.BooleanField(default=True)

    def __str__(self):
        return '%s (%s)' % (self.name, self.sku)


class StockLevel(models.Model):
    item = models.ForeignKey(SupplyItem, on_delete=models.CASCADE, related_name='levels')
    practice = models.ForeignKey('accounts.Practice', on_delete=models.CASCADE)
    quantity = models.IntegerField(default=0)
    last_counted = models.DateField(null=True, blank=True)

    class Meta:
        unique_together = ('item', 'practice')

    def below_reorder(self):
        return self.quantity <= self.item.reorder_level


class StockMovement(models.Model):
    REASONS = (('receipt', 'Goods received'), ('usage', 'Clinical usage'), ('sale', 'Retail sale'),
               ('adjust', 'Stock take adjustment'), ('expired', 'Expired/disposed'), ('transfer', 'Transfer'))
    item = models.ForeignKey(SupplyItem, on_delete=models.CASCADE)
    practice = models.ForeignKey('accounts.Practice', on_delete=models.CASCADE)
    delta = models.IntegerField()
    reason = models.CharField(max_length=10, choices=REASONS)
    reference = models.CharField(max_length=60, blank=True)
    batch_number = models.CharField(max_length=40, blank=True)
    expiry_date = models.DateField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey('accounts.StaffMember', null=True, on_delete=models.SET_NULL)

    class Meta:
        db_table = 'stock_movements'


class ProcedureConsumable(models.Model):
    procedure = models.ForeignKey('clinic.Procedure', on_delete=models.CASCADE, related_name='consumables')
    item = models.ForeignKey(SupplyItem, on_delete=models.CASCADE)
    quantity = models.PositiveIntegerField(default=1)


class PurchaseOrder(models.Model):
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name='orders')
    practice = models.ForeignKey('accounts.Practice', on_delete=models.PROTECT)
    status = models.CharField(max_length=12, default='draft')  # draft/sent/partial/received/cancelled
    ordered_on = models.DateField(null=True, blank=True)
    expected_on = models.DateField(null=True, blank=True)
    received_on = models.DateField(null=True, blank=True)
    raised_by = models.ForeignKey('accounts.StaffMember', null=True, on_delete=models.SET_NULL)
    total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    notes = models.TextField(blank=True)


class PurchaseOrderLine(models.Model):
    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name='lines')
    item = models.ForeignKey(SupplyItem, on_delete=models.PROTECT)
    quantity = models.PositiveIntegerField()
    unit_cost = models.DecimalField(max_digits=9, decimal_places=2)
    quantity_received = models.PositiveIntegerField(default=0)


class StaffQualification(models.Model):
    KINDS = (('license', 'State license'), ('dea', 'DEA registration'), ('cpr', 'CPR/BLS'),
             ('radiography', 'Radiography cert'), ('ce', 'Continuing education'), ('malpractice', 'Malpractice insurance'))
    staff = models.ForeignKey('accounts.StaffMember', on_delete=models.CASCADE, related_name='qualifications')
    kind = models.CharField(max_length=20, choices=KINDS)
    reference = models.CharField(max_length=60, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    ce_hours = models.DecimalField(max_digits=5, decimal_places=1, default=0)
    document = models.FileField(upload_to='staff_docs/', null=True, blank=True)

    class Meta:
        db_table = 'staff_qualifications'


class PatientDocument(models.Model):
    patient = models.ForeignKey('core.Patient', on_delete=models.CASCADE, related_name='documents')
    kind = models.CharField(max_length=30, default='other')  # referral letter, id, insurance card...
    file = models.FileField(upload_to='patient_docs/%Y/%m/')
    description = models.CharField(max_length=200, blank=True)
    uploaded_on = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey('accounts.StaffMember', null=True, on_delete=models.SET_NULL)

    class Meta:
        db_table = 'patient_documents'


class ReminderLog(models.Model):
    appointment = models.ForeignKey('office.Appointment', on_delete=models.CASCADE, related_name='reminder_logs')
    channel = models.CharField(max_length=10)  # sms / email / call
    sent_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, default='sent')
    provider_ref = models.CharField(max_length=60, blank=True)
    message = models.TextField(blank=True)

    class Meta:
        db_table = 'appointment_reminders'


class LabInvoice(models.Model):
    lab = models.ForeignKey('clinic.DentalLab', on_delete=models.PROTECT)
    order = models.ForeignKey('clinic.LabOrder', null=True, on_delete=models.SET_NULL, related_name='lab_invoices')
    invoice_number = models.CharField(max_length=40)
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    received_on = models.DateField(default=timezone.localdate)
    approved = models.BooleanField(default=False)
    paid_on = models.DateField(null=True, blank=True)
