import datetime
from decimal import Decimal

from django.db import models
from django.db.models import Sum
from django.utils import timezone

from utils.money import round_money


class AppointmentType(models.Model):
    practice = models.ForeignKey('accounts.Practice', null=True, blank=True, on_delete=models.CASCADE)
    name = models.CharField(max_length=60)
    default_minutes = models.PositiveIntegerField(default=30)
    colour = models.CharField(max_length=7, default='#88aadd')
    requires_lab_work = models.BooleanField(default=False)
    hygiene = models.BooleanField(default=False)
    is_recall_type = models.BooleanField(default=False)
    procedure_hint = models.ForeignKey('clinic.Procedure', null=True, blank=True, on_delete=models.SET_NULL)
    online_bookable = models.BooleanField(default=False)

    def __str__(self):
        return self.name


class AppointmentQuerySet(models.QuerySet):
    ACTIVE = ('booked', 'confirmed', 'arrived', 'in_chair')

    def active(self):
        return self.filter(status__in=self.ACTIVE)

    def on_day(self, day):
        return self.filter(start__date=day)

    def for_clinician(self, staff):
        return self.filter(clinician=staff)

    def overlapping(self, start, end):
        return self.filter(start__lt=end, end__gt=start)


class Appointment(models.Model):
    STATUS_CHOICES = (
        ('booked', 'Booked'),
        ('confirmed', 'Confirmed'),
        ('arrived', 'Arrived'),
        ('in_chair', 'In chair'),
        ('completed', 'Completed'),
        ('cancelled', 'Cancelled'),
        ('dna', 'Did not attend'),
    )
    patient = models.ForeignKey('core.Patient', on_delete=models.CASCADE, related_name='appointments')
    practice = models.ForeignKey('accounts.Practice', on_delete=models.PROTECT)
    clinician = models.ForeignKey('accounts.StaffMember', on_delete=models.PROTECT, related_name='appointments')
    chair = models.ForeignKey('clinic.Chair', null=True, blank=True, on_delete=models.SET_NULL)
    appt_type = models.ForeignKey(AppointmentType, on_delete=models.PROTECT)
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField()
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default='booked')
    notes = models.CharField(max_length=255, blank=True)
    booked_by = models.ForeignKey('accounts.StaffMember', null=True, on_delete=models.SET_NULL, related_name='+')
    booked_at = models.DateTimeField(auto_now_add=True)
    arrived_at = models.DateTimeField(null=True, blank=True)
    cancelled_reason = models.CharField(max_length=120, blank=True)
    reminder_sent = models.BooleanField(default=False)
    confirmed_via = models.CharField(max_length=10, blank=True)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ('start',)

    def __str__(self):
        return '%s %s' % (self.start.strftime('%Y-%m-%d %H:%M'), self.patient)

    @property
    def duration_minutes(self):
        return int((self.end - self.start).total_seconds() // 60)

    def is_past(self):
        return self.end < timezone.now()


class Recall(models.Model):
    patient = models.ForeignKey('core.Patient', on_delete=models.CASCADE, related_name='recalls')
    recall_type = models.CharField(max_length=20, default='hygiene')  # hygiene / exam / perio / xray
    interval_months = models.PositiveSmallIntegerField(default=6)
    due_date = models.DateField()
    last_sent = models.DateField(null=True, blank=True)
    times_sent = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=20, default='pending')  # pending / booked / lapsed


class WaitingListEntry(models.Model):
    patient = models.ForeignKey('core.Patient', on_delete=models.CASCADE)
    practice = models.ForeignKey('accounts.Practice', on_delete=models.CASCADE)
    clinician = models.ForeignKey('accounts.StaffMember', null=True, blank=True, on_delete=models.SET_NULL)
    appt_type = models.ForeignKey(AppointmentType, on_delete=models.CASCADE)
    preferred_days = models.CharField(max_length=20, blank=True)  # "1,3,5"
    preferred_time = models.CharField(max_length=10, blank=True)  # am / pm
    priority = models.PositiveSmallIntegerField(default=3)
    added_on = models.DateField(auto_now_add=True)
    notes = models.CharField(max_length=255, blank=True)
    resolved = models.BooleanField(default=False)


class FeeSchedule(models.Model):
    practice = models.ForeignKey('accounts.Practice', on_delete=models.CASCADE)
    procedure = models.ForeignKey('clinic.Procedure', on_delete=models.CASCADE)
    insurance_company = models.ForeignKey('core.InsuranceCompany', null=True, blank=True, on_delete=models.CASCADE)
    fee = models.DecimalField(max_digits=9, decimal_places=2)
    valid_from = models.DateField(default=datetime.date(2018, 1, 1))
    valid_to = models.DateField(null=True, blank=True)


class Invoice(models.Model):
    STATUS_CHOICES = (
        ('draft', 'Draft'),
        ('issued', 'Issued'),
        ('part_paid', 'Part paid'),
        ('paid', 'Paid'),
        ('void', 'Void'),
        ('written_off', 'Written off'),
    )
    number = models.CharField(max_length=20, unique=True)
    patient = models.ForeignKey('core.Patient', on_delete=models.PROTECT, related_name='invoices')
    practice = models.ForeignKey('accounts.Practice', on_delete=models.PROTECT)
    appointment = models.ForeignKey(Appointment, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name='invoices')
    issued_on = models.DateField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default='draft')
    total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    insurance_portion = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    patient_portion = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    amount_paid = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    notes = models.TextField(blank=True)
    voided_reason = models.CharField(max_length=200, blank=True)
    last_reminder = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ('-issued_on', '-id')

    def __str__(self):
        return self.number

    @property
    def balance(self):
        return round_money(self.patient_portion - self.amount_paid)

    def is_overdue(self):
        return self.status in ('issued', 'part_paid') and self.due_on and self.due_on < timezone.localdate()


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name='lines')
    description = models.CharField(max_length=200)
    procedure = models.ForeignKey('clinic.Procedure', null=True, blank=True, on_delete=models.PROTECT)
    chart_entry = models.ForeignKey('clinic.ChartEntry', null=True, blank=True, on_delete=models.SET_NULL)
    tooth = models.CharField(max_length=4, blank=True)
    quantity = models.PositiveIntegerField(default=1)
    unit_price = models.DecimalField(max_digits=9, decimal_places=2)
    discount = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    taxable = models.BooleanField(default=False)
    line_total = models.DecimalField(max_digits=10, decimal_places=2, default=0)

    def save(self, *args, **kwargs):
        self.line_total = round_money(self.unit_price * self.quantity - self.discount)
        super().save(*args, **kwargs)
