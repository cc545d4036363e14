import random
import string

from django.conf import settings
from django.db import models
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from common.models import SoftDeleteModel, TimeStampedModel
from common.utils import normalise_phone, normalise_postcode, normalise_reg


class FleetAccount(TimeStampedModel):
    """Business customers with several vehicles (taxi firms, the council...)."""
    company_name = models.CharField(max_length=120)
    account_number = models.CharField(max_length=20, unique=True)
    contact_email = models.EmailField(blank=True)
    credit_limit = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    payment_terms_days = models.PositiveSmallIntegerField(default=30)
    discount_percent = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    on_stop = models.BooleanField(default=False)

    def __str__(self):
        return self.company_name


class Customer(SoftDeleteModel):
    TITLE_CHOICES = [(t, t) for t in ('Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'Mx', '')]
    title = models.CharField(max_length=5, choices=TITLE_CHOICES, blank=True)
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60, db_index=True)
    email = models.EmailField(blank=True, db_index=True)
    phone = models.CharField(max_length=20, blank=True, db_index=True)
    address_line1 = models.CharField(max_length=120, blank=True)
    address_line2 = models.CharField(max_length=120, blank=True)
    town = models.CharField(max_length=60, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    fleet_account = models.ForeignKey(FleetAccount, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name='drivers')
    marketing_opt_out = models.BooleanField(default=False)
    last_contact_at = models.DateTimeField(null=True, blank=True)
    legacy_id = models.CharField(max_length=20, blank=True)  # from the old Access DB

    class Meta:
        ordering = ('last_name', 'first_name')

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return ' '.join(p for p in (self.title, self.first_name, self.last_name) if p)

    def save(self, *args, **kwargs):
        self.phone = normalise_phone(self.phone)
        self.postcode = normalise_postcode(self.postcode)
        self.email = (self.email or '').lower().strip()
        super(Customer, self).save(*args, **kwargs)


class Vehicle(TimeStampedModel):
    FUEL_CHOICES = (('petrol', 'Petrol'), ('diesel', 'Diesel'), ('hybrid', 'Hybrid'), ('ev', 'Electric'))
    owner = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name='vehicles')
    registration = models.CharField(max_length=10, unique=True)
    vin = models.CharField(max_length=17, blank=True, db_index=True)
    make = models.CharField(max_length=40)
    model = models.CharField(max_length=60)
    manufacturer = models.ForeignKey('integrations.Manufacturer', null=True, blank=True, on_delete=models.SET_NULL)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    fuel = models.CharField(max_length=8, choices=FUEL_CHOICES, default='petrol')
    engine_cc = models.PositiveIntegerField(null=True, blank=True)
    colour = models.CharField(max_length=30, blank=True)
    mileage = models.PositiveIntegerField(default=0)
    mileage_recorded_at = models.DateField(null=True, blank=True)
    mot_due = models.DateField(null=True, blank=True)
    service_due = models.DateField(null=True, blank=True)
    first_registered = models.DateField(null=True, blank=True)

    def __str__(self):
        return '%s (%s %s)' % (self.registration, self.make, self.model)

    def save(self, *args, **kwargs):
        self.registration = normalise_reg(self.registration)
        self.vin = (self.vin or '').upper().strip()
        super(Vehicle, self).save(*args, **kwargs)

    @property
    def age_years(self):
        if not self.year:
            return None
        return timezone.now().year - self.year


class VehicleOwnership(models.Model):
    vehicle = models.ForeignKey(Vehicle, on_delete=models.CASCADE, related_name='ownership_history')
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name='+')
    from_date = models.DateField()
    to_date = models.DateField(null=True, blank=True)
    mileage_at_transfer = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        db_table = 'vehicle_owner_history'
        ordering = ('-from_date',)


class ContactNote(TimeStampedModel):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name='notes')
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    channel = models.CharField(max_length=10, default='phone')
    body = models.TextField()
    follow_up_on = models.DateField(null=True, blank=True)


# ---------------------------------------------------------------------------
# loyalty / marketing  (added 2020 -- "just put it in customers for now")
# ---------------------------------------------------------------------------

class LoyaltyAccount(TimeStampedModel):
    customer = models.OneToOneField(Customer, on_delete=models.CASCADE, related_name='loyalty')
    card_number = models.CharField(max_length=16, unique=True)
    points_balance = models.IntegerField(default=0)
    lifetime_points = models.IntegerField(default=0)
    tier = models.CharField(max_length=10, default='bronze')
    enrolled_on = models.DateField(default=timezone.localdate)
    frozen = models.BooleanField(default=False)

    def __str__(self):
        return '%s (%s)' % (self.card_number, self.tier)


class PointsTransaction(models.Model):
    KIND_CHOICES = (
        ('earn', 'Earned'),
        ('redeem', 'Redeemed'),
        ('expire', 'Expired'),
        ('adjust', 'Manual adjustment'),
        ('bonus', 'Campaign bonus'),
    )
    account = models.ForeignKey(LoyaltyAccount, on_delete=models.CASCADE, related_name='transactions')
    kind = models.CharField(max_length=8, choices=KIND_CHOICES)
    points = models.IntegerField()
    invoice = models.ForeignKey('core.Invoice', null=True, blank=True, on_delete=models.SET_NULL)
    campaign = models.ForeignKey('Campaign', null=True, blank=True, on_delete=models.SET_NULL)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_on = models.DateField(null=True, blank=True)

    class Meta:
        db_table = 'loyalty_ledger'
        ordering = ('-created_at',)


class Campaign(TimeStampedModel):
    CHANNELS = (('email', 'Email'), ('sms', 'SMS'), ('post', 'Post'))
    name = models.CharField(max_length=100)
    channel = models.CharField(max_length=6, choices=CHANNELS, default='email')
    subject = models.CharField(max_length=150, blank=True)
    body_template = models.TextField(help_text='Django template syntax, {{ customer }} available')
    segment = models.CharField(max_length=30, default='all',
                               help_text='all / lapsed / mot_due / service_due / gold_plus / fleet')
    bonus_points = models.PositiveIntegerField(default=0)
    coupon_value = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    scheduled_for = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)

    def __str__(self):
        return self.name


class CampaignRecipient(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name='recipients')
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    sent_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    converted_invoice = models.ForeignKey('core.Invoice', null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        unique_together = (('campaign', 'customer'),)


def generate_coupon_code(prefix='SF', length=8):
    alphabet = string.ascii_uppercase.replace('O', '').replace('I', '') + '23456789'
    return prefix + ''.join(random.choice(alphabet) for _ in range(length))


class Coupon(models.Model):
    code = models.CharField(max_length=16, unique=True, default=generate_coupon_code)
    customer = models.ForeignKey(Customer, null=True, blank=True, on_delete=models.CASCADE, related_name='coupons')
    campaign = models.ForeignKey(Campaign, null=True, blank=True, on_delete=models.SET_NULL)
    value = models.DecimalField(max_digits=7, decimal_places=2, default=0)
    percent_off = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    valid_from = models.DateField(default=timezone.localdate)
    valid_until = models.DateField(null=True, blank=True)
    redeemed_at = models.DateTimeField(null=True, blank=True)
    redeemed_invoice = models.ForeignKey('core.Invoice', null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name='coupons_used')

    def is_valid(self, on=None):
        on = on or timezone.localdate()
        if self.redeemed_at:
            return False
        if self.valid_until and on > self.valid_until:
            return False
        return on >= self.valid_from


# ---------------------------------------------------------------------------
# signals (no apps.py/ready() in this project, so they live here)
# ---------------------------------------------------------------------------

@receiver(post_save, sender=Customer)
def create_loyalty_account(sender, instance, created, **kwargs):
    if not created or instance.fleet_account_id:
        return
    LoyaltyAccount.objects.get_or_create(
        customer=instance,
        defaults={'card_number': '6337%012d' % instance.pk},
    )


@receiver(pre_save, sender=Vehicle)
def track_ownership_change(sender, instance, **kwargs):
    if not instance.pk:
        return
    try:
        old = Vehicle.objects.only('owner_id', 'mileage').get(pk=instance.pk)
    except Vehicle.DoesNotExist:
        return
    if old.owner_id != instance.owner_id:
        today = timezone.localdate()
        VehicleOwnership.objects.filter(vehicle_id=instance.pk, to_date__isnull=True).update(to_date=today)
        VehicleOwnership.objects.create(vehicle_id=instance.pk, customer_id=instance.owner_id,
                                        from_date=today, mileage_at_transfer=instance.mileage)
