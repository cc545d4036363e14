"""
legacy: the old facilities module (work orders, inspections) ported from the
2011 PHP system, plus the key shop (physical keys / lock changes).

The WorkOrder table kept its PHP-era name (maint_request) so the facilities
department's Access reports keep working.
"""
from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone

from common.models import TimeStampedModel

PRIORITY_CHOICES = (
    ("emergency", "Emergency (4h)"),
    ("urgent", "Urgent (24h)"),
    ("routine", "Routine (5 days)"),
    ("cosmetic", "Cosmetic"),
)

CATEGORY_CHOICES = (
    ("plumbing", "Plumbing"),
    ("electrical", "Electrical"),
    ("hvac", "Heating / AC"),
    ("furniture", "Furniture"),
    ("pest", "Pest control"),
    ("lock", "Lock / door"),
    ("appliance", "Appliance"),
    ("cleaning", "Custodial"),
    ("other", "Other"),
)


class Technician(models.Model):
    user = models.OneToOneField(User, null=True, blank=True, on_delete=models.SET_NULL)
    name = models.CharField(max_length=100)
    trade = models.CharField(max_length=20, choices=CATEGORY_CHOICES, default="other")
    phone = models.CharField(max_length=20, blank=True)
    active = models.BooleanField(default=True)
    is_contractor = models.BooleanField(default=False)
    max_open_orders = models.PositiveSmallIntegerField(default=15)

    def __str__(self):
        return self.name


class WorkOrder(TimeStampedModel):
    STATUS = (
        ("new", "New"),
        ("assigned", "Assigned"),
        ("in_progress", "In progress"),
        ("waiting_parts", "Waiting on parts"),
        ("closed", "Closed"),
        ("cancelled", "Cancelled"),
    )
    room = models.ForeignKey("housing.Room", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="workorders")
    location_text = models.CharField(max_length=120, blank=True,
                                     help_text="for common areas where there is no room")
    reported_by = models.ForeignKey("accounts.Resident", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="workorders")
    reported_by_staff = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL,
                                          related_name="+")
    category = models.CharField(max_length=12, choices=CATEGORY_CHOICES, default="other")
    priority = models.CharField(max_length=10, choices=PRIORITY_CHOICES, default="routine")
    summary = models.CharField(max_length=200)
    details = models.TextField(blank=True)
    status = models.CharField(max_length=15, choices=STATUS, default="new")
    technician = models.ForeignKey(Technician, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="workorders")
    permission_to_enter = models.BooleanField(default=True)
    due_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    escalated = models.BooleanField(default=False)
    resident_caused = models.BooleanField(default=False)
    damage_charge = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    legacy_php_id = models.IntegerField(null=True, blank=True, db_index=True)

    class Meta:
        db_table = "maint_request"
        ordering = ("-created_at",)

    def __str__(self):
        return "WO-%d %s" % (self.pk or 0, self.summary)

    @property
    def is_open(self):
        return self.status not in ("closed", "cancelled")


class WorkOrderNote(TimeStampedModel):
    workorder = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL)
    body = models.TextField()
    visible_to_resident = models.BooleanField(default=False)


class PartUsage(models.Model):
    workorder = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="parts")
    part_number = models.CharField(max_length=40)
    description = models.CharField(max_length=120)
    quantity = models.PositiveIntegerField(default=1)
    unit_cost = models.DecimalField(max_digits=9, decimal_places=2)
    used_at = models.DateTimeField(default=timezone.now)


class RoomInspection(TimeStampedModel):
    KIND = (("checkin", "Check-in"), ("checkout", "Check-out"), ("safety", "Health & safety"),
            ("periodic", "Periodic"))
    room = models.ForeignKey("housing.Room", on_delete=models.CASCADE, related_name="inspections")
    assignment = models.ForeignKey("core.RoomAssignment", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="inspections")
    kind = models.CharField(max_length=10, choices=KIND)
    inspected_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL)
    inspected_at = models.DateTimeField(default=timezone.now)
    condition_json = models.TextField(blank=True, help_text="checklist answers as JSON")
    damage_amount = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    charged = models.BooleanField(default=False)
    notes = models.TextField(blank=True)


# ---------------------------------------------------------------------------
# key shop
# ---------------------------------------------------------------------------

class Key(models.Model):
    KIND = (("room", "Room key"), ("mailbox", "Mailbox"), ("master", "Master"),
            ("suite", "Suite door"), ("bike", "Bike room"))
    room = models.ForeignKey("housing.Room", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="keys")
    hall = models.ForeignKey("housing.Hall", null=True, blank=True, on_delete=models.SET_NULL)
    kind = models.CharField(max_length=10, choices=KIND, default="room")
    stamp = models.CharField(max_length=20, unique=True)  # stamped on the key
    core_number = models.CharField(max_length=20, blank=True)
    copies = models.PositiveSmallIntegerField(default=2)
    retired = models.BooleanField(default=False)

    def __str__(self):
        return self.stamp


class KeyLoan(TimeStampedModel):
    key = models.ForeignKey(Key, on_delete=models.PROTECT, related_name="loans")
    resident = models.ForeignKey("accounts.Resident", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="key_loans")
    borrower_name = models.CharField(max_length=100, blank=True, help_text="contractors / staff")
    issued_at = models.DateTimeField(default=timezone.now)
    due_back = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    lost = models.BooleanField(default=False)
    issued_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL)


class LockChange(TimeStampedModel):
    key = models.ForeignKey(Key, on_delete=models.CASCADE, related_name="lock_changes")
    reason = models.CharField(max_length=120)
    old_core = models.CharField(max_length=20, blank=True)
    new_core = models.CharField(max_length=20, blank=True)
    workorder = models.ForeignKey(WorkOrder, null=True, blank=True, on_delete=models.SET_NULL)
    completed = models.BooleanField(default=False)
    billed_to = models.ForeignKey("accounts.Resident", null=True, blank=True, on_delete=models.SET_NULL)
