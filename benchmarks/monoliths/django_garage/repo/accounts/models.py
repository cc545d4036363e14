"""
'accounts' = staff accounts. Technicians, their shifts, clocking and leave.
(Login/auth is plain django.contrib.auth.)
"""
import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from common.models import TimeStampedModel


class Technician(TimeStampedModel):
    GRADES = (
        ('apprentice', 'Apprentice'),
        ('tech', 'Technician'),
        ('senior', 'Senior technician'),
        ('master', 'Master technician'),
        ('mot', 'MOT tester'),
    )
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name='technician')
    payroll_number = models.CharField(max_length=12, unique=True)
    branch_code = models.CharField(max_length=8, default='HQ')
    grade = models.CharField(max_length=10, choices=GRADES, default='tech')
    mobile = models.CharField(max_length=20, blank=True)
    hourly_cost = models.DecimalField(max_digits=6, decimal_places=2, default=0)
    contracted_hours = models.DecimalField(max_digits=4, decimal_places=1, default=40)
    clock_pin = models.CharField(max_length=6, blank=True)
    is_active = models.BooleanField(default=True)
    started_on = models.DateField(null=True, blank=True)

    def __str__(self):
        return self.user.get_full_name() or self.user.username

    def has_valid_cert(self, kind, on=None):
        on = on or timezone.localdate()
        return self.certifications.filter(kind=kind, expires_on__gte=on).exists()


class Certification(models.Model):
    KINDS = (
        ('mot_class4', 'MOT tester class 4'),
        ('mot_class7', 'MOT tester class 7'),
        ('ev_l3', 'EV / high voltage level 3'),
        ('aircon', 'F-gas / air con'),
        ('adas', 'ADAS calibration'),
        ('oem_ford', 'Ford warranty trained'),
        ('oem_vw', 'VW group warranty trained'),
    )
    technician = models.ForeignKey(Technician, on_delete=models.CASCADE, related_name='certifications')
    kind = models.CharField(max_length=12, choices=KINDS)
    certificate_number = models.CharField(max_length=40, blank=True)
    obtained_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)


class Shift(models.Model):
    TYPES = (('early', 'Early'), ('late', 'Late'), ('full', 'Full day'), ('sat', 'Saturday'),
             ('oncall', 'On call (recovery)'))
    technician = models.ForeignKey(Technician, on_delete=models.CASCADE, related_name='shifts')
    date = models.DateField(db_index=True)
    starts = models.TimeField()
    ends = models.TimeField()
    shift_type = models.CharField(max_length=6, choices=TYPES, default='full')
    branch_code = models.CharField(max_length=8, default='HQ')

    class Meta:
        unique_together = (('technician', 'date', 'starts'),)
        ordering = ('date', 'starts')

    @property
    def hours(self):
        dt = datetime.datetime.combine(self.date, self.ends) - datetime.datetime.combine(self.date, self.starts)
        return dt.total_seconds() / 3600.0


class TimeEntry(models.Model):
    technician = models.ForeignKey(Technician, on_delete=models.CASCADE, related_name='time_entries')
    clock_in = models.DateTimeField()
    clock_out = models.DateTimeField(null=True, blank=True)
    auto_closed = models.BooleanField(default=False)
    note = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ('-clock_in',)


class LeaveRequest(TimeStampedModel):
    KINDS = (('holiday', 'Holiday'), ('sick', 'Sickness'), ('training', 'Training'), ('other', 'Other'))
    STATUS = (('pending', 'Pending'), ('approved', 'Approved'), ('rejected', 'Rejected'))
    technician = models.ForeignKey(Technician, on_delete=models.CASCADE, related_name='leave')
    kind = models.CharField(max_length=10, choices=KINDS, default='holiday')
    date_from = models.DateField()
    date_to = models.DateField()
    status = models.CharField(max_length=10, choices=STATUS, default='pending')
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name='+')
    comment = models.CharField(max_length=200, blank=True)


def technician_for_user(user):
    if not user.is_authenticated:
        return None
    return Technician.objects.filter(user=user, is_active=True).first()


def technicians_on_shift(d, branch_code=None):
    qs = Technician.objects.filter(is_active=True, shifts__date=d)
    if branch_code:
        qs = qs.filter(branch_code=branch_code)
    on_leave = LeaveRequest.objects.filter(status='approved', date_from__lte=d, date_to__gte=d)
    return qs.exclude(pk__in=on_leave.values('technician_id')).distinct()
