"""
accounts: staff logins + student (resident) records + ID/access cards.

NB: "accounts" here does NOT mean billing accounts. Billing is in core.
"""
import random
import string

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from common.models import SoftDeleteModel, TimeStampedModel
from common.utils import normalize_phone


class StaffProfile(TimeStampedModel):
    ROLE_CHOICES = (
        ("ra", "Resident Assistant"),
        ("hall_director", "Hall Director"),
        ("assignments", "Assignments Office"),
        ("finance", "Finance / Bursar liaison"),
        ("facilities", "Facilities Coordinator"),
        ("conduct", "Conduct Officer"),
        ("director", "Director of Housing"),
    )
    user = models.OneToOneField(User, on_delete=models.CASCADE)
    role = models.CharField(max_length=20, choices=ROLE_CHOICES, default="ra")
    hall = models.ForeignKey("housing.Hall", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="staff")
    phone = models.CharField(max_length=20, blank=True)
    on_call = models.BooleanField(default=False)
    employee_number = models.CharField(max_length=12, blank=True)
    must_change_password = models.BooleanField(default=False)
    last_login_ip = models.GenericIPAddressField(null=True, blank=True)

    def __str__(self):
        return "%s (%s)" % (self.user.get_full_name() or self.user.username, self.get_role_display())

    @property
    def is_hall_staff(self):
        return self.role in ("ra", "hall_director")


class Resident(SoftDeleteModel, TimeStampedModel):
    STATUS_CHOICES = (
        ("applicant", "Applicant"),
        ("active", "Active Resident"),
        ("former", "Former Resident"),
        ("withdrawn", "Withdrawn from University"),
        ("banned", "Housing Banned"),
    )
    CLASS_CHOICES = (
        ("FR", "Freshman"), ("SO", "Sophomore"), ("JR", "Junior"),
        ("SR", "Senior"), ("GR", "Graduate"),
    )
    user = models.OneToOneField(User, null=True, blank=True, on_delete=models.SET_NULL)
    student_id = models.CharField(max_length=12, unique=True)
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    preferred_name = models.CharField(max_length=80, blank=True)
    pronouns = models.CharField(max_length=30, blank=True)
    email = models.EmailField()
    phone = models.CharField(max_length=20, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    gender = models.CharField(max_length=20, blank=True)
    class_standing = models.CharField(max_length=2, choices=CLASS_CHOICES, default="FR")
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default="applicant")
    is_international = models.BooleanField(default=False)
    home_address = models.TextField(blank=True)
    # set by billing when a resident is in arrears; blocks room selection
    financial_hold = models.BooleanField(default=False)
    hold_reason = models.CharField(max_length=200, blank=True)
    photo_url = models.URLField(blank=True)

    class Meta:
        ordering = ("last_name", "first_name")

    def __str__(self):
        return "%s, %s (%s)" % (self.last_name, self.first_name, self.student_id)

    @property
    def full_name(self):
        return "%s %s" % (self.preferred_name or self.first_name, self.last_name)

    def is_minor(self, on_date=None):
        if not self.date_of_birth:
            return False
        on_date = on_date or timezone.localdate()
        years = on_date.year - self.date_of_birth.year - (
            (on_date.month, on_date.day) < (self.date_of_birth.month, self.date_of_birth.day))
        return years < 18

    def current_assignment(self):
        # reaches into core - TODO move
        return self.assignments.filter(status="active").select_related("bed__room__hall").first()


class EmergencyContact(TimeStampedModel):
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="emergency_contacts")
    name = models.CharField(max_length=120)
    relationship = models.CharField(max_length=40)
    phone = models.CharField(max_length=20)
    alt_phone = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    is_primary = models.BooleanField(default=False)

    class Meta:
        ordering = ("-is_primary", "name")

    def __str__(self):
        return "%s (%s)" % (self.name, self.relationship)


class ResidentNote(TimeStampedModel):
    VISIBILITY = (("staff", "All housing staff"), ("restricted", "Directors only"))
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL)
    body = models.TextField()
    visibility = models.CharField(max_length=12, choices=VISIBILITY, default="staff")
    pinned = models.BooleanField(default=False)


class AccommodationNeed(TimeStampedModel):
    KIND_CHOICES = (
        ("mobility", "Mobility / accessible room"),
        ("medical", "Medical (single room, AC, etc.)"),
        ("service_animal", "Service / support animal"),
        ("dietary", "Dietary"),
        ("other", "Other"),
    )
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="accommodations")
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    description = models.TextField(blank=True)
    approved = models.BooleanField(default=False)
    approved_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL)
    valid_until = models.DateField(null=True, blank=True)
    requires_accessible_room = models.BooleanField(default=False)


def generate_card_number():
    # 16 digits, campus prefix 6019. Not cryptographic, the card system re-keys anyway.
    return "6019" + "".join(random.choice(string.digits) for _ in range(12))


class AccessCard(TimeStampedModel):
    STATUS_CHOICES = (
        ("active", "Active"),
        ("suspended", "Suspended"),
        ("lost", "Reported lost"),
        ("returned", "Returned"),
        ("expired", "Expired"),
    )
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="access_cards")
    card_number = models.CharField(max_length=20, unique=True, default=generate_card_number)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default="active")
    hall = models.ForeignKey("housing.Hall", null=True, on_delete=models.SET_NULL)
    issued_on = models.DateField(default=timezone.localdate)
    expires_on = models.DateField(null=True, blank=True)
    access_level = models.CharField(max_length=20, default="resident")
    synced_to_card_system = models.BooleanField(default=False)
    replacement_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL)

    def __str__(self):
        return "%s [%s]" % (self.card_number, self.status)


class CardSwipe(models.Model):
    """Imported nightly from the card system export. Huge table."""
    card = models.ForeignKey(AccessCard, null=True, on_delete=models.SET_NULL)
    raw_card_number = models.CharField(max_length=20, db_index=True)
    door_code = models.CharField(max_length=30)
    swiped_at = models.DateTimeField(db_index=True)
    granted = models.BooleanField(default=True)

    class Meta:
        db_table = "card_swipe_log"


# ---------------------------------------------------------------------------
# signals (yes, in models.py; apps.ready() did not exist when this was written)
# ---------------------------------------------------------------------------

@receiver(post_save, sender=User)
def create_staff_profile(sender, instance, created, **kwargs):
    if created and instance.is_staff:
        StaffProfile.objects.get_or_create(user=instance)


@receiver(pre_save, sender=Resident)
def normalize_resident_fields(sender, instance, **kwargs):
    instance.phone = normalize_phone(instance.phone)
    instance.email = (instance.email or "").strip().lower()
    instance.student_id = (instance.student_id or "").strip().upper()
    if instance.first_name:
        instance.first_name = instance.first_name.strip()
    if instance.last_name:
        instance.last_name = instance.last_name.strip()


@receiver(post_save, sender=Resident)
def deactivate_cards_on_withdrawal(sender, instance, created, **kwargs):
    if created:
        return
    if instance.status in ("withdrawn", "banned", "former"):
        AccessCard.objects.filter(resident=instance, status="active").update(
            status="suspended", synced_to_card_system=False)
