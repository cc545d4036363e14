"""
animals app models.

Historically "everything the keepers touch" - so the animal register and vet
records, but also the keeper rota (moved in from the old 'staff' app in 2018)
and the feed store / purchasing (the head keeper does the feed orders).
"""
import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Sum

from utils.dates import today_local
from utils.models import TimeStampedModel


# ---------------------------------------------------------------------------
# Animal register
# ---------------------------------------------------------------------------

class Species(models.Model):
    IUCN = (("LC", "Least concern"), ("NT", "Near threatened"), ("VU", "Vulnerable"),
            ("EN", "Endangered"), ("CR", "Critically endangered"), ("EW", "Extinct in the wild"))
    common_name = models.CharField(max_length=100)
    latin_name = models.CharField(max_length=150, unique=True)
    taxon_class = models.CharField(max_length=40)  # Mammalia, Aves, ...
    iucn_status = models.CharField(max_length=2, choices=IUCN, blank=True)
    cites_appendix = models.CharField(max_length=3, blank=True)
    is_dangerous = models.BooleanField(default=False)
    description = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "species"
        ordering = ("common_name",)

    def __str__(self):
        return self.common_name


class AnimalQuerySet(models.QuerySet):
    def on_site(self):
        return self.filter(status__in=("active", "quarantine"))

    def in_quarantine(self):
        return self.filter(status="quarantine")

    def adoptable(self):
        return self.on_site().filter(is_adoptable=True)


class Animal(TimeStampedModel):
    STATUS = (("active", "On show"), ("quarantine", "Quarantine"), ("offshow", "Off show"),
              ("transferred", "Transferred out"), ("deceased", "Deceased"))
    SEX = (("M", "Male"), ("F", "Female"), ("U", "Unknown"))

    species = models.ForeignKey(Species, related_name="animals", on_delete=models.PROTECT)
    name = models.CharField(max_length=80)
    house_name = models.CharField(max_length=80, blank=True)
    sex = models.CharField(max_length=1, choices=SEX, default="U")
    date_of_birth = models.DateField(null=True, blank=True)
    dob_estimated = models.BooleanField(default=False)
    arrival_date = models.DateField(null=True, blank=True)
    enclosure = models.ForeignKey("backoffice.Enclosure", null=True, blank=True,
                                  related_name="animals", on_delete=models.SET_NULL)
    status = models.CharField(max_length=12, choices=STATUS, default="active")
    microchip = models.CharField(max_length=30, blank=True)
    zims_id = models.CharField(max_length=30, blank=True, db_index=True)
    is_adoptable = models.BooleanField(default=False)
    public_bio = models.TextField(blank=True)
    photo = models.ImageField(upload_to="animals/", blank=True)
    last_weight_kg = models.DecimalField(max_digits=8, decimal_places=3, null=True, blank=True)
    # denormalised counter, maintained by core.signals (adoptions). Yes really.
    adopter_count = models.PositiveIntegerField(default=0)
    date_of_death = models.DateField(null=True, blank=True)

    objects = AnimalQuerySet.as_manager()

    def __str__(self):
        return "%s (%s)" % (self.name, self.species)

    def is_on_site(self):
        return self.status in ("active", "quarantine", "offshow")

    def latest_visit(self):
        return self.vet_visits.order_by("-visit_date").first()


class MedicalRecord(models.Model):
    TYPES = (("exam", "Examination"), ("vacc", "Vaccination"), ("treat", "Treatment"),
             ("worm", "Worming"), ("note", "Note"), ("pm", "Post mortem"))
    animal = models.ForeignKey(Animal, related_name="medical_records", on_delete=models.CASCADE)
    record_type = models.CharField(max_length=6, choices=TYPES)
    recorded_at = models.DateTimeField(auto_now_add=True)
    summary = models.CharField(max_length=200)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey("animals.Keeper", null=True, blank=True,
                                    on_delete=models.SET_NULL)
    next_due = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("-recorded_at",)


class VetVisit(models.Model):
    OUTCOMES = (("ok", "No action"), ("treat", "Treatment"), ("refer", "Referred"),
                ("quarantine", "Quarantine"), ("euthanasia", "Euthanasia"))
    animal = models.ForeignKey(Animal, related_name="vet_visits", on_delete=models.CASCADE)
    vet = models.ForeignKey("animals.Keeper", null=True, on_delete=models.SET_NULL,
                            limit_choices_to={"role": "vet"})
    visit_date = models.DateField(default=today_local)
    reason = models.CharField(max_length=200)
    diagnosis = models.TextField(blank=True)
    outcome = models.CharField(max_length=12, choices=OUTCOMES, default="ok")
    requires_quarantine = models.BooleanField(default=False)
    quarantine_until = models.DateField(null=True, blank=True)
    external_vet = models.CharField(max_length=120, blank=True)
    cost = models.DecimalField(max_digits=8, decimal_places=2, default=0)


class Prescription(models.Model):
    visit = models.ForeignKey(VetVisit, related_name="prescriptions", on_delete=models.CASCADE)
    drug = models.CharField(max_length=120)
    dose = models.CharField(max_length=60)
    frequency = models.CharField(max_length=60)
    start_date = models.DateField(default=today_local)
    end_date = models.DateField(null=True, blank=True)
    administered_count = models.PositiveIntegerField(default=0)
    controlled_drug = models.BooleanField(default=False)

    class Meta:
        db_table = "vet_prescription"

    def is_active(self, on=None):
        on = on or today_local()
        return self.start_date <= on and (self.end_date is None or on <= self.end_date)


class WeighIn(models.Model):
    animal = models.ForeignKey(Animal, related_name="weights", on_delete=models.CASCADE)
    weighed_on = models.DateField(default=today_local)
    weight_kg = models.DecimalField(max_digits=8, decimal_places=3)
    keeper = models.ForeignKey("animals.Keeper", null=True, blank=True, on_delete=models.SET_NULL)
    body_condition = models.PositiveSmallIntegerField(null=True, blank=True)  # 1-9

    class Meta:
        ordering = ("-weighed_on",)


class AnimalTransfer(models.Model):
    DIRECTIONS = (("in", "Arrival"), ("out", "Departure"))
    animal = models.ForeignKey(Animal, related_name="transfers", on_delete=models.CASCADE)
    direction = models.CharField(max_length=3, choices=DIRECTIONS)
    institution = models.CharField(max_length=200)
    transfer_date = models.DateField()
    cites_permit = models.CharField(max_length=60, blank=True)
    breeding_programme = models.CharField(max_length=60, blank=True)  # EEP etc
    notes = models.TextField(blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL)


# ---------------------------------------------------------------------------
# Keepers & rota   (was staff/models.py)
# ---------------------------------------------------------------------------

class Keeper(models.Model):
    ROLES = (("keeper", "Keeper"), ("senior", "Senior keeper"), ("head", "Head keeper"),
             ("vet", "Vet"), ("vetnurse", "Vet nurse"), ("curator", "Curator"),
             ("education", "Education officer"), ("volunteer", "Volunteer"))
    SECTIONS = (("primates", "Primates"), ("carnivores", "Carnivores"), ("hoofstock", "Hoofstock"),
                ("birds", "Birds"), ("reptiles", "Reptile house"), ("farm", "Children's farm"),
                ("vet", "Vet centre"), ("education", "Education"))
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL)
    staff_number = models.CharField(max_length=10, unique=True)
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    role = models.CharField(max_length=12, choices=ROLES, default="keeper")
    section = models.CharField(max_length=12, choices=SECTIONS)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    contracted_hours = models.DecimalField(max_digits=4, decimal_places=1, default=Decimal("37.5"))
    dangerous_animal_trained = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    started_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("last_name", "first_name")

    def __str__(self):
        return "%s %s" % (self.first_name, self.last_name)

    @property
    def full_name(self):
        return "%s %s" % (self.first_name, self.last_name)

    def hours_in_week(self, week_start):
        shifts = self.shifts.filter(date__gte=week_start,
                                    date__lt=week_start + datetime.timedelta(days=7))
        return sum(s.duration_hours() for s in shifts)

    def is_on_leave(self, d):
        return self.leave_requests.filter(status="approved", start_date__lte=d,
                                          end_date__gte=d).exists()


class Shift(models.Model):
    TYPES = (("early", "Early"), ("late", "Late"), ("day", "Day"), ("night", "Night check"),
             ("oncall", "Vet on call"))
    keeper = models.ForeignKey(Keeper, related_name="shifts", on_delete=models.CASCADE)
    date = models.DateField(db_index=True)
    shift_type = models.CharField(max_length=8, choices=TYPES, default="day")
    start_time = models.TimeField()
    end_time = models.TimeField()
    section = models.CharField(max_length=12, choices=Keeper.SECTIONS)
    published = models.BooleanField(default=False)
    notes = models.CharField(max_length=200, blank=True)

    class Meta:
        unique_together = (("keeper", "date", "shift_type"),)
        ordering = ("date", "start_time")

    def duration_hours(self):
        start = datetime.datetime.combine(self.date, self.start_time)
        end = datetime.datetime.combine(self.date, self.end_time)
        if end < start:
            end += datetime.timedelta(days=1)
        return Decimal((end - start).seconds) / Decimal(3600)


class LeaveRequest(models.Model):
    TYPES = (("annual", "Annual leave"), ("sick", "Sickness"), ("toil", "TOIL"),
             ("training", "Training"), ("other", "Other"))
    STATUS = (("requested", "Requested"), ("approved", "Approved"), ("declined", "Declined"))
    keeper = models.ForeignKey(Keeper, related_name="leave_requests", on_delete=models.CASCADE)
    leave_type = models.CharField(max_length=10, choices=TYPES, default="annual")
    start_date = models.DateField()
    end_date = models.DateField()
    status = models.CharField(max_length=10, choices=STATUS, default="requested")
    approved_by = models.ForeignKey(Keeper, null=True, blank=True, related_name="+",
                                    on_delete=models.SET_NULL)
    reason = models.CharField(max_length=200, blank=True)

    def days(self):
        return (self.end_date - self.start_date).days + 1


class ShiftSwap(models.Model):
    shift_from = models.ForeignKey(Shift, related_name="swaps_out", on_delete=models.CASCADE)
    shift_to = models.ForeignKey(Shift, related_name="swaps_in", on_delete=models.CASCADE)
    requested_by = models.ForeignKey(Keeper, on_delete=models.CASCADE)
    status = models.CharField(max_length=10, default="requested")
    requested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "rota_shift_swap"


# ---------------------------------------------------------------------------
# Feed store & purchasing
# ---------------------------------------------------------------------------

class FeedSupplier(models.Model):
    name = models.CharField(max_length=120)
    account_ref = models.CharField(max_length=30, blank=True)
    email = models.EmailField()
    phone = models.CharField(max_length=30, blank=True)
    lead_time_days = models.PositiveSmallIntegerField(default=3)
    min_order_value = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    active = models.BooleanField(default=True)

    class Meta:
        db_table = "feed_supplier"

    def __str__(self):
        return self.name


class FeedItem(models.Model):
    UNITS = (("kg", "kg"), ("each", "each"), ("bale", "bale"), ("box", "box"), ("l", "litre"))
    name = models.CharField(max_length=120)
    category = models.CharField(max_length=30, blank=True)  # browse, produce, meat, insects...
    unit = models.CharField(max_length=5, choices=UNITS, default="kg")
    supplier = models.ForeignKey(FeedSupplier, null=True, related_name="items",
                                 on_delete=models.SET_NULL)
    unit_cost = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    reorder_level = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    reorder_qty = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    perishable = models.BooleanField(default=False)
    shelf_life_days = models.PositiveSmallIntegerField(null=True, blank=True)

    def __str__(self):
        return self.name


class FeedStock(models.Model):
    item = models.ForeignKey(FeedItem, related_name="stock", on_delete=models.CASCADE)
    location = models.CharField(max_length=40, default="main store")
    quantity = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        unique_together = (("item", "location"),)

    @classmethod
    def total_for(cls, item):
        return cls.objects.filter(item=item).aggregate(q=Sum("quantity"))["q"] or Decimal("0")

    @classmethod
    def items_below_reorder(cls):
        return (FeedItem.objects
                .annotate(on_hand=Sum("stock__quantity"))
                .filter(Q(on_hand__lt=F("reorder_level")) | Q(on_hand__isnull=True))
                .filter(supplier__active=True)
                .select_related("supplier"))


class DietPlan(models.Model):
    name = models.CharField(max_length=120)
    species = models.ForeignKey(Species, null=True, blank=True, related_name="diet_plans",
                                on_delete=models.SET_NULL)
    animal = models.ForeignKey(Animal, null=True, blank=True, related_name="diet_plans",
                               on_delete=models.CASCADE)
    approved_by = models.ForeignKey(Keeper, null=True, blank=True, on_delete=models.SET_NULL)
    valid_from = models.DateField(default=today_local)
    active = models.BooleanField(default=True)
    notes = models.TextField(blank=True)

    def daily_cost(self):
        total = Decimal("0")
        for line in self.lines.select_related("item"):
            total += line.quantity_per_day * line.item.unit_cost
        return total


class DietPlanLine(models.Model):
    plan = models.ForeignKey(DietPlan, related_name="lines", on_delete=models.CASCADE)
    item = models.ForeignKey(FeedItem, on_delete=models.PROTECT)
    quantity_per_day = models.DecimalField(max_digits=8, decimal_places=3)
    feeds_per_day = models.PositiveSmallIntegerField(default=1)
    notes = models.CharField(max_length=200, blank=True)


class FeedPurchaseOrder(models.Model):
    STATUS = (("draft", "Draft"), ("sent", "Sent"), ("part", "Part received"),
              ("received", "Received"), ("cancelled", "Cancelled"))
    supplier = models.ForeignKey(FeedSupplier, related_name="orders", on_delete=models.PROTECT)
    po_number = models.CharField(max_length=20, unique=True)
    ordered_on = models.DateField(default=today_local)
    expected_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=STATUS, default="draft")
    # [{"item_id": 1, "qty": "20", "unit_cost": "1.20"}, ...]  - never normalised, sorry
    lines_json = models.TextField(default="[]")
    total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    raised_by = models.ForeignKey(Keeper, null=True, blank=True, on_delete=models.SET_NULL)
    auto_generated = models.BooleanField(default=False)


class FeedingLog(models.Model):
    animal = models.ForeignKey(Animal, related_name="feedings", on_delete=models.CASCADE)
    item = models.ForeignKey(FeedItem, on_delete=models.PROTECT)
    quantity = models.DecimalField(max_digits=8, decimal_places=3)
    fed_at = models.DateTimeField()
    keeper = models.ForeignKey(Keeper, null=True, blank=True, on_delete=models.SET_NULL)
    refused = models.BooleanField(default=False)
    enrichment = models.BooleanField(default=False)
    notes = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("-fed_at",)
