from django.conf import settings
from django.db import models
from django.utils import timezone

from shared.models import TimeStampedModel


# ---- permits team ---------------------------------------------------------

class PermitApplication(TimeStampedModel):
    STATUSES = (("new", "New"), ("docs", "Waiting for documents"), ("review", "In review"),
                ("approved", "Approved"), ("rejected", "Rejected"), ("waitlist", "Waiting list"))

    reference = models.CharField(max_length=16, unique=True)
    customer = models.ForeignKey("main.Customer", related_name="permit_applications",
                                 on_delete=models.CASCADE)
    vehicle = models.ForeignKey("main.Vehicle", on_delete=models.PROTECT)
    permit_type = models.ForeignKey("main.PermitType", on_delete=models.PROTECT)
    zone = models.ForeignKey("main.Zone", on_delete=models.PROTECT)
    address_line1 = models.CharField(max_length=120)
    postcode = models.CharField(max_length=10)
    uprn = models.CharField("Property ref (UPRN)", max_length=20, blank=True)
    status = models.CharField(max_length=10, choices=STATUSES, default="new")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(blank=True)
    permit = models.OneToOneField("main.Permit", null=True, blank=True, on_delete=models.SET_NULL)

    def __str__(self):
        return self.reference


class PermitDocument(models.Model):
    KINDS = (("council_tax", "Council tax bill"), ("v5c", "V5C logbook"),
             ("tenancy", "Tenancy agreement"), ("utility", "Utility bill"), ("other", "Other"))

    application = models.ForeignKey(PermitApplication, related_name="documents",
                                    on_delete=models.CASCADE)
    kind = models.CharField(max_length=12, choices=KINDS)
    file = models.FileField(upload_to="permit_docs/%Y/%m/")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    verified = models.BooleanField(default=False)


class PermitWaitingList(models.Model):
    application = models.OneToOneField(PermitApplication, on_delete=models.CASCADE)
    zone = models.ForeignKey("main.Zone", on_delete=models.CASCADE)
    position = models.PositiveIntegerField()
    joined_at = models.DateTimeField(auto_now_add=True)
    offered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "permit_waitinglist"
        ordering = ["zone", "position"]


# ---- enforcement ----------------------------------------------------------

class CivilOfficer(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    badge_number = models.CharField(max_length=10, unique=True)
    handheld_serial = models.CharField(max_length=40, blank=True)
    device_token = models.CharField(max_length=64, blank=True, db_index=True)
    active = models.BooleanField(default=True)
    team = models.CharField(max_length=30, blank=True)

    def __str__(self):
        return self.badge_number


class PatrolLog(models.Model):
    officer = models.ForeignKey(CivilOfficer, related_name="patrols", on_delete=models.CASCADE)
    zone = models.ForeignKey("main.Zone", on_delete=models.CASCADE)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    vehicles_checked = models.PositiveIntegerField(default=0)
    notes = models.TextField(blank=True)


class Appeal(TimeStampedModel):
    STAGES = (("informal", "Informal challenge"), ("formal", "Formal representation"),
              ("tribunal", "Traffic Penalty Tribunal"))
    DECISIONS = (("", "Undecided"), ("accepted", "Accepted - cancel PCN"),
                 ("rejected", "Rejected"), ("reoffer", "Rejected, discount re-offered"))

    penalty_notice = models.ForeignKey("main.PenaltyNotice", related_name="appeals",
                                       on_delete=models.CASCADE)
    stage = models.CharField(max_length=10, choices=STAGES, default="informal")
    grounds = models.TextField()
    appellant_name = models.CharField(max_length=120)
    appellant_email = models.EmailField(blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    decision = models.CharField(max_length=10, choices=DECISIONS, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_notes = models.TextField(blank=True)

    def is_open(self):
        return not self.decision


# ---- finance --------------------------------------------------------------

class SettlementBatch(models.Model):
    business_date = models.DateField(unique=True)
    gateway = models.CharField(max_length=12, default="paygate")
    total_pence = models.BigIntegerField(default=0)
    refunds_pence = models.BigIntegerField(default=0)
    payment_count = models.PositiveIntegerField(default=0)
    reconciled = models.BooleanField(default=False)
    discrepancy_pence = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)


class Refund(TimeStampedModel):
    STATUSES = (("requested", "Requested"), ("approved", "Approved"), ("rejected", "Rejected"),
                ("paid", "Paid"), ("failed", "Failed"))

    payment = models.ForeignKey("main.Payment", related_name="refunds", on_delete=models.PROTECT)
    amount_pence = models.PositiveIntegerField()
    reason = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=STATUSES, default="requested")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     related_name="+", on_delete=models.SET_NULL)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    related_name="+", on_delete=models.SET_NULL)
    gateway_ref = models.CharField(max_length=64, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)


class LedgerEntry(models.Model):
    """Double entry-ish journal the finance system pulls every night."""

    payment = models.ForeignKey("main.Payment", null=True, blank=True, on_delete=models.SET_NULL)
    refund = models.ForeignKey(Refund, null=True, blank=True, on_delete=models.SET_NULL)
    account_code = models.CharField(max_length=12)
    cost_centre = models.CharField(max_length=12, blank=True)
    debit_pence = models.BigIntegerField(default=0)
    credit_pence = models.BigIntegerField(default=0)
    posted_at = models.DateTimeField(default=timezone.now, db_index=True)
    exported = models.BooleanField(default=False)

    class Meta:
        db_table = "ledger_entries"


# ---- machines & maintenance -----------------------------------------------

class Engineer(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL)
    name = models.CharField(max_length=80)
    phone = models.CharField(max_length=20, blank=True)
    contractor = models.CharField(max_length=60, blank=True)
    on_call = models.BooleanField(default=False)

    def __str__(self):
        return self.name


class PayMachine(TimeStampedModel):
    STATUSES = (("ok", "In service"), ("fault", "Faulty"), ("oos", "Out of service"),
                ("removed", "Removed"))

    asset_number = models.CharField(max_length=20, unique=True)
    carpark = models.ForeignKey("main.CarPark", null=True, blank=True, related_name="machines",
                                on_delete=models.SET_NULL)
    zone = models.ForeignKey("main.Zone", null=True, blank=True, on_delete=models.SET_NULL)
    model_name = models.CharField(max_length=40, default="Metric Elite")
    accepts_cash = models.BooleanField(default=True)
    accepts_card = models.BooleanField(default=True)
    status = models.CharField(max_length=8, choices=STATUSES, default="ok")
    last_heartbeat = models.DateTimeField(null=True, blank=True)
    cash_level_pence = models.PositiveIntegerField(default=0)
    paper_low = models.BooleanField(default=False)
    installed_on = models.DateField(null=True, blank=True)

    def __str__(self):
        return self.asset_number


class FaultReport(TimeStampedModel):
    SOURCES = (("public", "Member of public"), ("officer", "Civil enforcement officer"),
               ("telemetry", "Machine telemetry"), ("engineer", "Engineer"))

    machine = models.ForeignKey(PayMachine, related_name="faults", on_delete=models.CASCADE)
    source = models.CharField(max_length=10, choices=SOURCES, default="public")
    description = models.TextField()
    reported_by = models.CharField(max_length=120, blank=True)
    priority = models.CharField(max_length=2, default="P3")
    resolved_at = models.DateTimeField(null=True, blank=True)


class WorkOrder(TimeStampedModel):
    STATUSES = (("open", "Open"), ("assigned", "Assigned"), ("onsite", "On site"),
                ("done", "Completed"), ("cancelled", "Cancelled"))

    number = models.CharField(max_length=12, unique=True)
    machine = models.ForeignKey(PayMachine, related_name="work_orders", on_delete=models.CASCADE)
    fault = models.ForeignKey(FaultReport, null=True, blank=True, related_name="work_orders",
                              on_delete=models.SET_NULL)
    engineer = models.ForeignKey(Engineer, null=True, blank=True, on_delete=models.SET_NULL)
    priority = models.CharField(max_length=2, default="P3")
    status = models.CharField(max_length=10, choices=STATUSES, default="open")
    due_by = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    parts_used = models.TextField(blank=True)
    sla_breached = models.BooleanField(default=False)


class CashCollection(models.Model):
    machine = models.ForeignKey(PayMachine, related_name="collections", on_delete=models.CASCADE)
    collected_by = models.ForeignKey(Engineer, null=True, on_delete=models.SET_NULL)
    collected_at = models.DateTimeField()
    bag_number = models.CharField(max_length=20)
    counted_pence = models.PositiveIntegerField(null=True, blank=True)
    expected_pence = models.PositiveIntegerField(default=0)
    notes = models.TextField(blank=True)


# ---- tariffs --------------------------------------------------------------

class TariffChange(models.Model):
    """A tariff change approved by committee, applied by the nightly job on effective_date."""

    tariff = models.ForeignKey("main.Tariff", related_name="scheduled_changes",
                               on_delete=models.CASCADE)
    effective_date = models.DateField()
    new_bands = models.TextField(help_text="JSON list of [up_to_minutes, price_pence]")
    new_max_stay_minutes = models.PositiveIntegerField(null=True, blank=True)
    committee_ref = models.CharField(max_length=40, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
