from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from utils.models import TimeStampedModel


class OwnerQuerySet(models.QuerySet):
    def current(self):
        return self.filter(archived=False)

    def search(self, q):
        return self.filter(models.Q(surname__icontains=q) | models.Q(first_name__icontains=q)
                           | models.Q(email__icontains=q) | models.Q(account_ref__iexact=q))


class Owner(TimeStampedModel):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name='owner_profile')
    account_ref = models.CharField(max_length=12, unique=True)
    title = models.CharField(max_length=10, blank=True)
    first_name = models.CharField(max_length=64)
    surname = models.CharField(max_length=64)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=32, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    is_member = models.BooleanField(default=False)  # berth holders get 10% in the shop
    on_stop = models.BooleanField(default=False)
    archived = models.BooleanField(default=False)
    gdpr_consent = models.BooleanField(default=False)

    objects = OwnerQuerySet.as_manager()

    def __str__(self):
        return '%s %s' % (self.first_name, self.surname)


class OwnerContact(models.Model):
    owner = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name='contacts')
    name = models.CharField(max_length=128)
    relation = models.CharField(max_length=32, blank=True)
    phone = models.CharField(max_length=32)
    is_emergency = models.BooleanField(default=True)


class Boat(TimeStampedModel):
    owner = models.ForeignKey(Owner, on_delete=models.PROTECT, related_name='boats')
    name = models.CharField(max_length=64)
    make_model = models.CharField(max_length=64, blank=True)
    boat_type = models.CharField(max_length=10, choices=(('sail', 'Sail'), ('motor', 'Motor'), ('rib', 'RIB'), ('other', 'Other')))
    loa_m = models.DecimalField('LOA (m)', max_digits=5, decimal_places=2)
    beam_m = models.DecimalField(max_digits=4, decimal_places=2)
    draft_m = models.DecimalField(max_digits=4, decimal_places=2)
    weight_tonnes = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    ssr_number = models.CharField('SSR no.', max_length=20, blank=True)
    hull_colour = models.CharField(max_length=32, blank=True)
    engine = models.CharField(max_length=64, blank=True)

    def __str__(self):
        return self.name


class InsurancePolicy(models.Model):
    boat = models.ForeignKey(Boat, on_delete=models.CASCADE, related_name='policies')
    insurer = models.CharField(max_length=64)
    policy_no = models.CharField(max_length=64)
    third_party_cover = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal('3000000'))
    expires = models.DateField()
    document = models.FileField(upload_to='insurance/%Y/', null=True, blank=True)
    checked_by = models.CharField(max_length=32, blank=True)


# ---------------------------------------------------------------------------
# Yard / work orders. (should really be its own app - see ticket #212)
# ---------------------------------------------------------------------------

class YardSpace(models.Model):
    code = models.CharField(max_length=8, unique=True)
    area = models.CharField(max_length=20, choices=(('hardstanding', 'Hardstanding'), ('shed', 'Shed'), ('wash', 'Wash bay')))
    max_loa_m = models.DecimalField(max_digits=5, decimal_places=2)
    daily_rate = models.DecimalField(max_digits=6, decimal_places=2)
    occupied_by = models.ForeignKey(Boat, null=True, blank=True, on_delete=models.SET_NULL, related_name='+')


class JobTemplate(models.Model):
    name = models.CharField(max_length=64)
    default_hours = models.DecimalField(max_digits=5, decimal_places=2)
    description = models.TextField(blank=True)
    active = models.BooleanField(default=True)


class WorkOrder(TimeStampedModel):
    STATUS = (('quote', 'Quote'), ('open', 'Open'), ('in_progress', 'In progress'),
              ('on_hold', 'On hold'), ('complete', 'Complete'), ('invoiced', 'Invoiced'), ('cancelled', 'Cancelled'))
    ref = models.CharField(max_length=12, unique=True)
    boat = models.ForeignKey(Boat, on_delete=models.PROTECT, related_name='work_orders')
    owner = models.ForeignKey(Owner, on_delete=models.PROTECT, related_name='work_orders')
    template = models.ForeignKey(JobTemplate, null=True, blank=True, on_delete=models.SET_NULL)
    description = models.TextField()
    status = models.CharField(max_length=12, choices=STATUS, default='open')
    yard_space = models.ForeignKey(YardSpace, null=True, blank=True, on_delete=models.SET_NULL)
    assigned_to = models.ForeignKey('staff.StaffMember', null=True, blank=True, on_delete=models.SET_NULL)
    quoted_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    completed = models.DateTimeField(null=True, blank=True)
    invoice = models.ForeignKey('main.Invoice', null=True, blank=True, on_delete=models.SET_NULL)


class LabourLine(models.Model):
    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name='labour')
    staff = models.ForeignKey('staff.StaffMember', on_delete=models.PROTECT)
    date = models.DateField(default=timezone.localdate)
    hours = models.DecimalField(max_digits=5, decimal_places=2)
    rate = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal('58.00'))
    note = models.CharField(max_length=255, blank=True)


class PartLine(models.Model):
    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name='parts')
    product = models.ForeignKey('shop.Product', null=True, blank=True, on_delete=models.SET_NULL)
    description = models.CharField(max_length=255)
    quantity = models.DecimalField(max_digits=8, decimal_places=2, default=1)
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)


class HaulOutBooking(models.Model):
    boat = models.ForeignKey(Boat, on_delete=models.CASCADE, related_name='haulouts')
    work_order = models.ForeignKey(WorkOrder, null=True, blank=True, on_delete=models.SET_NULL, related_name='haulouts')
    lift_at = models.DateTimeField()
    relaunch_at = models.DateTimeField(null=True, blank=True)
    yard_space = models.ForeignKey(YardSpace, null=True, blank=True, on_delete=models.SET_NULL)
    pressure_wash = models.BooleanField(default=True)
    status = models.CharField(max_length=10, default='booked')
    berth_released = models.BooleanField(default=False)
