# -*- coding: utf-8 -*-
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from shared.models import TimeStampedModel
from shared.utils import normalise_vrm


# ---------------------------------------------------------------------------
# Estate: car parks, on-street zones, bays, sensors
# ---------------------------------------------------------------------------

class CarPark(TimeStampedModel):
    SURFACE = "surface"
    MULTI_STOREY = "multi"
    ON_STREET = "street"
    KIND_CHOICES = (
        (SURFACE, "Surface car park"),
        (MULTI_STOREY, "Multi-storey"),
        (ON_STREET, "On-street"),
    )

    code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=KIND_CHOICES, default=SURFACE)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    capacity = models.PositiveIntegerField(default=0)
    is_open = models.BooleanField(default=True)
    opening_hours = models.CharField(max_length=200, blank=True)
    has_sensors = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def free_spaces(self):
        occupied = self.bays.filter(is_occupied=True).count()
        return max(self.capacity - occupied, 0)


class Zone(TimeStampedModel):
    carpark = models.ForeignKey(CarPark, null=True, blank=True, related_name="zones",
                                on_delete=models.SET_NULL)
    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=120)
    is_cpz = models.BooleanField("Controlled parking zone", default=False)
    controlled_from = models.TimeField(null=True, blank=True)
    controlled_to = models.TimeField(null=True, blank=True)
    ward = models.CharField(max_length=60, blank=True)

    def __str__(self):
        return "%s - %s" % (self.code, self.name)


class BayQuerySet(models.QuerySet):
    def free(self):
        return self.filter(is_occupied=False).exclude(suspended_until__gt=timezone.now())

    def suspended(self):
        return self.filter(suspended_until__gt=timezone.now())

    def of_type(self, bay_type):
        return self.filter(bay_type=bay_type)


class Bay(models.Model):
    BAY_TYPES = (
        ("std", "Standard"),
        ("dis", "Disabled"),
        ("ev", "EV charging"),
        ("load", "Loading"),
        ("res", "Permit holders only"),
        ("mc", "Motorcycle"),
    )
    zone = models.ForeignKey(Zone, related_name="bays", on_delete=models.CASCADE)
    carpark = models.ForeignKey(CarPark, related_name="bays", null=True, blank=True,
                                on_delete=models.CASCADE)
    number = models.CharField(max_length=10)
    bay_type = models.CharField(max_length=4, choices=BAY_TYPES, default="std")
    is_occupied = models.BooleanField(default=False)
    occupied_since = models.DateTimeField(null=True, blank=True)
    suspended_until = models.DateTimeField(null=True, blank=True)
    suspension_reason = models.CharField(max_length=200, blank=True)

    objects = BayQuerySet.as_manager()

    class Meta:
        unique_together = ("zone", "number")

    def __str__(self):
        return "%s/%s" % (self.zone.code, self.number)


class BaySensor(models.Model):
    bay = models.OneToOneField(Bay, related_name="sensor", on_delete=models.CASCADE)
    serial = models.CharField(max_length=40, unique=True)
    vendor = models.CharField(max_length=40, default="Nwave")
    firmware = models.CharField(max_length=20, blank=True)
    battery_level = models.PositiveSmallIntegerField(null=True)
    last_seen = models.DateTimeField(null=True, blank=True)
    is_faulty = models.BooleanField(default=False)

    def __str__(self):
        return self.serial


class SensorReading(models.Model):
    sensor = models.ForeignKey(BaySensor, related_name="readings", on_delete=models.CASCADE)
    occupied = models.BooleanField()
    recorded_at = models.DateTimeField(db_index=True)
    received_at = models.DateTimeField(auto_now_add=True)
    raw = models.TextField(blank=True)

    class Meta:
        db_table = "sensor_readings"
        index_together = [("sensor", "recorded_at")]


class OccupancySnapshot(models.Model):
    carpark = models.ForeignKey(CarPark, related_name="snapshots", on_delete=models.CASCADE)
    taken_at = models.DateTimeField(db_index=True)
    occupied = models.PositiveIntegerField()
    capacity = models.PositiveIntegerField()

    @property
    def percent(self):
        if not self.capacity:
            return 0
        return round(100.0 * self.occupied / self.capacity, 1)


# ---------------------------------------------------------------------------
# Tariffs
# ---------------------------------------------------------------------------

class Tariff(TimeStampedModel):
    zone = models.ForeignKey(Zone, related_name="tariffs", on_delete=models.CASCADE)
    name = models.CharField(max_length=80)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    max_stay_minutes = models.PositiveIntegerField(null=True, blank=True)
    free_minutes = models.PositiveIntegerField(default=0)
    applies_on_holidays = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    tro_reference = models.CharField("Traffic order ref", max_length=40, blank=True)

    def __str__(self):
        return "%s (%s)" % (self.name, self.zone.code)

    def band_for(self, minutes):
        return self.bands.filter(up_to_minutes__gte=minutes).order_by("up_to_minutes").first()


class TariffBand(models.Model):
    tariff = models.ForeignKey(Tariff, related_name="bands", on_delete=models.CASCADE)
    up_to_minutes = models.PositiveIntegerField()
    price_pence = models.PositiveIntegerField()

    class Meta:
        ordering = ["up_to_minutes"]


# ---------------------------------------------------------------------------
# Customers & vehicles
# ---------------------------------------------------------------------------

class Customer(TimeStampedModel):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True,
                                related_name="customer", on_delete=models.SET_NULL)
    account_ref = models.CharField(max_length=12, unique=True)
    first_name = models.CharField(max_length=60, blank=True)
    last_name = models.CharField(max_length=60, blank=True)
    email = models.EmailField(blank=True, db_index=True)
    phone = models.CharField(max_length=20, blank=True, db_index=True)
    address_line1 = models.CharField(max_length=120, blank=True)
    address_line2 = models.CharField(max_length=120, blank=True)
    town = models.CharField(max_length=60, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    is_business = models.BooleanField(default=False)
    is_blocked = models.BooleanField(default=False)
    marketing_opt_in = models.BooleanField(default=False)
    last_seen = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.full_name() or self.account_ref

    def full_name(self):
        return ("%s %s" % (self.first_name, self.last_name)).strip()


class Vehicle(TimeStampedModel):
    customer = models.ForeignKey(Customer, related_name="vehicles", null=True, blank=True,
                                 on_delete=models.SET_NULL)
    vrm = models.CharField(max_length=10, db_index=True)
    make = models.CharField(max_length=40, blank=True)
    colour = models.CharField(max_length=20, blank=True)
    co2_gkm = models.PositiveIntegerField(null=True, blank=True)
    is_electric = models.BooleanField(default=False)
    blue_badge = models.BooleanField(default=False)
    nickname = models.CharField(max_length=40, blank=True)

    def __str__(self):
        return self.vrm

    def save(self, *args, **kwargs):
        self.vrm = normalise_vrm(self.vrm)
        super(Vehicle, self).save(*args, **kwargs)


class NotificationPreference(models.Model):
    customer = models.OneToOneField("main.Customer", related_name="notification_prefs",
                                    on_delete=models.CASCADE)
    sms_session_reminders = models.BooleanField(default=True)
    email_receipts = models.BooleanField(default=True)
    email_permit_reminders = models.BooleanField(default=True)


# ---------------------------------------------------------------------------
# Pay-by-phone sessions
# ---------------------------------------------------------------------------

class LocationCode(models.Model):
    code = models.CharField(max_length=8, unique=True)
    zone = models.ForeignKey(Zone, related_name="location_codes", on_delete=models.CASCADE)
    carpark = models.ForeignKey(CarPark, null=True, blank=True, on_delete=models.SET_NULL)
    description = models.CharField(max_length=120, blank=True)
    active = models.BooleanField(default=True)

    def __str__(self):
        return self.code


class ActiveSessionManager(models.Manager):
    def get_queryset(self):
        return (super().get_queryset()
                .filter(ended_at__isnull=True, expires_at__gt=timezone.now())
                .exclude(status="cancelled"))


class ParkingSession(TimeStampedModel):
    CHANNELS = (("app", "App"), ("web", "Website"), ("ivr", "Phone"), ("sms", "Text"))
    STATUSES = (("active", "Active"), ("ended", "Ended early"), ("expired", "Expired"),
                ("cancelled", "Cancelled"))

    reference = models.CharField(max_length=16, unique=True)
    customer = models.ForeignKey(Customer, related_name="sessions", null=True, blank=True,
                                 on_delete=models.SET_NULL)
    vehicle = models.ForeignKey(Vehicle, related_name="sessions", on_delete=models.PROTECT)
    vrm = models.CharField(max_length=10, db_index=True)
    location = models.ForeignKey(LocationCode, on_delete=models.PROTECT)
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT)
    tariff = models.ForeignKey(Tariff, null=True, on_delete=models.PROTECT)
    started_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    price_pence = models.PositiveIntegerField(default=0)
    channel = models.CharField(max_length=4, choices=CHANNELS, default="app")
    status = models.CharField(max_length=10, choices=STATUSES, default="active")
    payment = models.ForeignKey("main.Payment", null=True, blank=True, on_delete=models.SET_NULL)
    reminder_sent = models.BooleanField(default=False)

    objects = models.Manager()
    active = ActiveSessionManager()

    def __str__(self):
        return self.reference

    def is_active(self):
        return self.ended_at is None and self.expires_at > timezone.now() and self.status == "active"

    def minutes_left(self):
        if not self.is_active():
            return 0
        return int((self.expires_at - timezone.now()).total_seconds() // 60)

    def duration_minutes(self):
        end = self.ended_at or self.expires_at
        return int((end - self.started_at).total_seconds() // 60)


class SessionExtension(models.Model):
    session = models.ForeignKey(ParkingSession, related_name="extensions", on_delete=models.CASCADE)
    added_minutes = models.PositiveIntegerField()
    price_pence = models.PositiveIntegerField()
    payment = models.ForeignKey("main.Payment", null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)


# ---------------------------------------------------------------------------
# Residents' permits
# ---------------------------------------------------------------------------

class PermitType(models.Model):
    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=80)
    base_price_pence = models.PositiveIntegerField()
    duration_days = models.PositiveIntegerField(default=365)
    max_per_household = models.PositiveSmallIntegerField(default=2)
    requires_proof_of_address = models.BooleanField(default=True)
    emissions_based = models.BooleanField(default=False)
    visitor_vouchers_included = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    def __str__(self):
        return self.name


class Permit(TimeStampedModel):
    STATUSES = (("pending", "Awaiting payment"), ("active", "Active"), ("expired", "Expired"),
                ("cancelled", "Cancelled"), ("suspended", "Suspended"))

    reference = models.CharField(max_length=16, unique=True)
    permit_type = models.ForeignKey(PermitType, on_delete=models.PROTECT)
    customer = models.ForeignKey("main.Customer", related_name="permits", on_delete=models.PROTECT)
    vehicle = models.ForeignKey(Vehicle, related_name="permits", on_delete=models.PROTECT)
    zone = models.ForeignKey(Zone, related_name="permits", on_delete=models.PROTECT)
    valid_from = models.DateField()
    valid_to = models.DateField()
    status = models.CharField(max_length=10, choices=STATUSES, default="pending")
    price_pence = models.PositiveIntegerField(default=0)
    payment = models.ForeignKey("main.Payment", null=True, blank=True, on_delete=models.SET_NULL)
    is_virtual = models.BooleanField(default=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    renewal_reminder_sent = models.BooleanField(default=False)

    def __str__(self):
        return self.reference

    def is_valid_on(self, when):
        day = when.date() if hasattr(when, "date") else when
        return self.status == "active" and self.valid_from <= day <= self.valid_to

    def days_remaining(self):
        return (self.valid_to - timezone.localdate()).days


class VisitorVoucher(models.Model):
    permit = models.ForeignKey(Permit, related_name="vouchers", on_delete=models.CASCADE)
    code = models.CharField(max_length=12, unique=True)
    vrm = models.CharField(max_length=10, blank=True)
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    price_pence = models.PositiveIntegerField(default=0)


# ---------------------------------------------------------------------------
# Enforcement
# ---------------------------------------------------------------------------

class ContraventionCode(models.Model):
    code = models.CharField(max_length=4, unique=True)
    suffix = models.CharField(max_length=2, blank=True)
    description = models.CharField(max_length=255)
    higher_rate = models.BooleanField(default=False)
    amount_pence = models.PositiveIntegerField()
    observation_minutes = models.PositiveSmallIntegerField(default=5)
    on_street = models.BooleanField(default=True)

    def __str__(self):
        return "%s %s" % (self.code, self.description)


class PenaltyNotice(TimeStampedModel):
    STATUSES = (
        ("issued", "Issued"),
        ("paid", "Paid"),
        ("challenged", "Challenge received"),
        ("cancelled", "Cancelled"),
        ("nto", "Notice to owner"),
        ("charge_cert", "Charge certificate"),
        ("debt", "Registered at TEC"),
        ("written_off", "Written off"),
    )

    pcn_ref = models.CharField(max_length=12, unique=True)
    vrm = models.CharField(max_length=10, db_index=True)
    vehicle = models.ForeignKey(Vehicle, null=True, blank=True, related_name="penalty_notices",
                                on_delete=models.SET_NULL)
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT)
    bay = models.ForeignKey(Bay, null=True, blank=True, on_delete=models.SET_NULL)
    contravention = models.ForeignKey(ContraventionCode, on_delete=models.PROTECT)
    officer = models.ForeignKey("backoffice.CivilOfficer", null=True, blank=True,
                                on_delete=models.SET_NULL)
    observed_from = models.DateTimeField(null=True, blank=True)
    issued_at = models.DateTimeField(db_index=True)
    status = models.CharField(max_length=12, choices=STATUSES, default="issued")
    amount_pence = models.PositiveIntegerField()
    discount_until = models.DateField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    payment = models.ForeignKey("main.Payment", null=True, blank=True, on_delete=models.SET_NULL)
    keeper_name = models.CharField(max_length=120, blank=True)
    keeper_address = models.TextField(blank=True)
    photo_count = models.PositiveSmallIntegerField(default=0)
    notes = models.TextField(blank=True)

    class Meta:
        db_table = "pcn_notice"
        ordering = ["-issued_at"]

    def __str__(self):
        return self.pcn_ref

    def is_discount_period(self, when=None):
        when = when or timezone.localdate()
        return self.discount_until is not None and when <= self.discount_until

    def current_amount(self, when=None):
        if self.status == "charge_cert":
            return int(self.amount_pence * 1.5)
        if self.is_discount_period(when):
            return self.amount_pence // 2
        return self.amount_pence


# ---------------------------------------------------------------------------
# Payments
# ---------------------------------------------------------------------------

class Payment(TimeStampedModel):
    PURPOSES = (("session", "Parking session"), ("extension", "Session extension"),
                ("permit", "Permit"), ("voucher", "Visitor vouchers"), ("pcn", "Penalty charge"),
                ("machine", "Pay machine sale"))
    METHODS = (("card", "Card"), ("wallet", "Apple/Google Pay"), ("cash", "Cash"),
               ("ivr", "Card over phone"))
    STATUSES = (("pending", "Pending"), ("authorised", "Authorised"), ("captured", "Captured"),
                ("failed", "Failed"), ("refunded", "Refunded"), ("part_refunded", "Partly refunded"))

    reference = models.CharField(max_length=20, unique=True)
    customer = models.ForeignKey(Customer, null=True, blank=True, related_name="payments",
                                 on_delete=models.SET_NULL)
    amount_pence = models.PositiveIntegerField()
    currency = models.CharField(max_length=3, default="GBP")
    purpose = models.CharField(max_length=10, choices=PURPOSES)
    method = models.CharField(max_length=6, choices=METHODS, default="card")
    status = models.CharField(max_length=14, choices=STATUSES, default="pending")
    gateway = models.CharField(max_length=12, default="paygate")
    gateway_ref = models.CharField(max_length=64, blank=True, db_index=True)
    card_token = models.ForeignKey("legacy.CardToken", null=True, blank=True,
                                   on_delete=models.SET_NULL)
    machine = models.ForeignKey("backoffice.PayMachine", null=True, blank=True,
                                on_delete=models.SET_NULL)
    captured_at = models.DateTimeField(null=True, blank=True)
    failure_reason = models.CharField(max_length=200, blank=True)
    settlement_batch = models.ForeignKey("backoffice.SettlementBatch", null=True, blank=True,
                                         related_name="payments", on_delete=models.SET_NULL)

    def __str__(self):
        return self.reference

    def mark_captured(self, gateway_ref=None):
        self.status = "captured"
        self.captured_at = timezone.now()
        if gateway_ref:
            self.gateway_ref = gateway_ref
        self.save(update_fields=["status", "captured_at", "gateway_ref", "updated_at"])

    def refundable_amount(self):
        refunded = sum(r.amount_pence for r in self.refunds.filter(status__in=["approved", "paid"]))
        return max(self.amount_pence - refunded, 0)
