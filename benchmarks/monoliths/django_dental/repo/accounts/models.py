import datetime

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import models
from django.utils import timezone


class Practice(models.Model):
    name = models.CharField(max_length=120)
    code = models.CharField(max_length=4, unique=True)
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    npi = models.CharField('Group NPI', max_length=10, blank=True)
    tax_id = models.CharField(max_length=12, blank=True)
    opening_time = models.TimeField(default=datetime.time(8, 0))
    closing_time = models.TimeField(default=datetime.time(17, 30))
    open_saturdays = models.BooleanField(default=False)
    invoice_prefix = models.CharField(max_length=6, blank=True)
    is_active = models.BooleanField(default=True)

    def __str__(self):
        return self.name


class StaffMember(models.Model):
    ROLE_CHOICES = (
        ('dentist', 'Dentist'),
        ('hygienist', 'Hygienist'),
        ('assistant', 'Dental assistant'),
        ('receptionist', 'Receptionist'),
        ('manager', 'Practice manager'),
        ('billing', 'Billing coordinator'),
        ('admin', 'Group admin'),
    )
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name='staff')
    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name='staff')
    role = models.CharField(max_length=20, choices=ROLE_CHOICES)
    display_name = models.CharField(max_length=60)
    license_number = models.CharField(max_length=30, blank=True)
    npi = models.CharField(max_length=10, blank=True)
    pin_hash = models.CharField(max_length=128, blank=True)
    diary_colour = models.CharField(max_length=7, default='#cccccc')
    is_clinician = models.BooleanField(default=False)
    can_approve_leave = models.BooleanField(default=False)
    active = models.BooleanField(default=True)
    started_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ('display_name',)

    def __str__(self):
        return self.display_name

    def set_pin(self, pin):
        self.pin_hash = make_password(pin)

    def check_pin(self, pin):
        return bool(self.pin_hash) and check_password(pin, self.pin_hash)

    def has_role(self, *roles):
        return self.role in roles or self.role == 'admin'


class Shift(models.Model):
    SHIFT_TYPES = (('clinical', 'Clinical'), ('admin', 'Admin'), ('training', 'Training'), ('on_call', 'On call'))
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name='shifts')
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE)
    date = models.DateField(db_index=True)
    start_time = models.TimeField()
    end_time = models.TimeField()
    chair = models.ForeignKey('clinic.Chair', null=True, blank=True, on_delete=models.SET_NULL)
    shift_type = models.CharField(max_length=10, choices=SHIFT_TYPES, default='clinical')
    published = models.BooleanField(default=False)

    class Meta:
        ordering = ('date', 'start_time')

    def covers(self, dt):
        t = timezone.localtime(dt).time()
        return self.start_time <= t < self.end_time


class LeaveRequest(models.Model):
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name='leave_requests')
    leave_type = models.CharField(max_length=20, default='vacation')  # vacation/sick/ce/unpaid
    start_date = models.DateField()
    end_date = models.DateField()
    reason = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, default='pending')  # pending/approved/declined
    approved_by = models.ForeignKey(StaffMember, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name='+')
    decided_on = models.DateTimeField(null=True, blank=True)

    def days(self):
        return (self.end_date - self.start_date).days + 1


class Payment(models.Model):
    METHODS = (('card', 'Card'), ('cash', 'Cash'), ('check', 'Check'), ('insurance', 'Insurance'),
               ('financing', 'Financing'), ('adjustment', 'Adjustment'))
    patient = models.ForeignKey('core.Patient', on_delete=models.PROTECT, related_name='payments')
    invoice = models.ForeignKey('office.Invoice', null=True, blank=True, on_delete=models.SET_NULL,
                                related_name='payments')
    practice = models.ForeignKey(Practice, on_delete=models.PROTECT)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    method = models.CharField(max_length=12, choices=METHODS)
    taken_on = models.DateTimeField(default=timezone.now)
    taken_by = models.ForeignKey(StaffMember, null=True, on_delete=models.SET_NULL)
    reference = models.CharField(max_length=60, blank=True)
    card_last4 = models.CharField(max_length=4, blank=True)
    terminal_txn_id = models.CharField(max_length=60, blank=True)
    is_refund = models.BooleanField(default=False)
    refund_of = models.ForeignKey('self', null=True, blank=True, on_delete=models.SET_NULL)
    notes = models.CharField(max_length=200, blank=True)


class PaymentPlan(models.Model):
    patient = models.ForeignKey('core.Patient', on_delete=models.PROTECT)
    invoice = models.ForeignKey('office.Invoice', on_delete=models.PROTECT, related_name='payment_plans')
    total = models.DecimalField(max_digits=10, decimal_places=2)
    deposit = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    instalment_amount = models.DecimalField(max_digits=10, decimal_places=2)
    instalments = models.PositiveSmallIntegerField()
    instalments_paid = models.PositiveSmallIntegerField(default=0)
    frequency = models.CharField(max_length=10, default='monthly')
    start_date = models.DateField()
    next_due = models.DateField(null=True, blank=True)
    card_token = models.CharField(max_length=80, blank=True)
    status = models.CharField(max_length=12, default='active')  # active/completed/defaulted/cancelled


class Remittance(models.Model):
    company = models.ForeignKey('core.InsuranceCompany', on_delete=models.PROTECT)
    claim = models.ForeignKey('core.InsuranceClaim', null=True, blank=True, on_delete=models.SET_NULL,
                              related_name='remittances')
    era_reference = models.CharField(max_length=50, blank=True)
    check_number = models.CharField(max_length=30, blank=True)
    received_on = models.DateField(default=timezone.localdate)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    raw_835 = models.TextField(blank=True)
    posted = models.BooleanField(default=False)
    posted_by = models.ForeignKey(StaffMember, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        db_table = 'insurance_remittance'
