from django.conf import settings
from django.db import models
from django.utils import timezone


class StaffMember(models.Model):
    ROLES = (('office', 'Office'), ('dockhand', 'Dockhand'), ('yard', 'Yard'), ('shop', 'Chandlery'),
             ('security', 'Night security'), ('manager', 'Manager'))
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name='staff_profile')
    full_name = models.CharField(max_length=128)
    role = models.CharField(max_length=10, choices=ROLES)
    phone = models.CharField(max_length=32, blank=True)
    hourly_rate = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    contracted_hours = models.DecimalField(max_digits=5, decimal_places=2, default=37.5)
    started = models.DateField(null=True, blank=True)
    left = models.DateField(null=True, blank=True)

    def __str__(self):
        return self.full_name


class Shift(models.Model):
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name='shifts')
    date = models.DateField()
    start = models.TimeField()
    end = models.TimeField()
    post = models.CharField(max_length=20)  # office / fuel dock / yard / gate / on-call
    note = models.CharField(max_length=128, blank=True)

    class Meta:
        ordering = ('date', 'start')


class LeaveRequest(models.Model):
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name='leave')
    start = models.DateField()
    end = models.DateField()
    kind = models.CharField(max_length=10, default='holiday')
    approved = models.BooleanField(null=True)
    approved_by = models.ForeignKey(StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name='+')


class TimesheetEntry(models.Model):
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE)
    date = models.DateField()
    hours = models.DecimalField(max_digits=5, decimal_places=2)
    overtime = models.BooleanField(default=False)
    exported = models.BooleanField(default=False)


# ---- access control (was on the old access PC until 2021) -----------------

class GateCode(models.Model):
    code = models.CharField(max_length=8)
    owner = models.ForeignKey('boats.Owner', null=True, blank=True, on_delete=models.CASCADE, related_name='gate_codes')
    label = models.CharField(max_length=64, blank=True)
    valid_from = models.DateTimeField(default=timezone.now)
    valid_to = models.DateTimeField()
    pushed = models.BooleanField(default=False)
    revoked = models.BooleanField(default=False)

    class Meta:
        db_table = 'gate_codes'


class AccessFob(models.Model):
    serial = models.CharField(max_length=32, unique=True)
    owner = models.ForeignKey('boats.Owner', null=True, blank=True, on_delete=models.SET_NULL, related_name='fobs')
    staff = models.ForeignKey(StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name='fobs')
    issued = models.DateField(default=timezone.localdate)
    expires = models.DateField(null=True, blank=True)
    deposit_taken = models.BooleanField(default=True)
    active = models.BooleanField(default=True)


class AccessLog(models.Model):
    gate = models.CharField(max_length=4)
    at = models.DateTimeField()
    code = models.CharField(max_length=8, blank=True)
    fob = models.ForeignKey(AccessFob, null=True, blank=True, on_delete=models.SET_NULL)
    granted = models.BooleanField()


class Incident(models.Model):
    reported_at = models.DateTimeField(default=timezone.now)
    reported_by = models.ForeignKey(StaffMember, null=True, on_delete=models.SET_NULL)
    location = models.CharField(max_length=64)
    description = models.TextField()
    boat = models.ForeignKey('boats.Boat', null=True, blank=True, on_delete=models.SET_NULL)
    police_ref = models.CharField(max_length=32, blank=True)
    closed = models.BooleanField(default=False)
