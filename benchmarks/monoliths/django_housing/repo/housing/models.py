"""
housing: the building inventory (halls / rooms / beds) ... and, since the
2016 rewrite of the online application, the housing applications too.
"""
from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone

from common.models import TermField, TimeStampedModel


class HallManager(models.Manager):
    def open_halls(self):
        return self.get_queryset().filter(is_active=True, closed_for_renovation=False)

    def for_gender(self, gender):
        qs = self.open_halls()
        if gender in ("M", "F"):
            return qs.filter(models.Q(gender_policy="coed") | models.Q(gender_policy=gender))
        return qs.filter(gender_policy__in=("coed", "all_gender"))


class Hall(TimeStampedModel):
    GENDER_POLICY = (
        ("coed", "Co-ed by floor"),
        ("all_gender", "All-gender"),
        ("M", "Men only"),
        ("F", "Women only"),
    )
    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=100)
    campus_area = models.CharField(max_length=40, blank=True)
    address = models.CharField(max_length=200, blank=True)
    floors = models.PositiveSmallIntegerField(default=1)
    gender_policy = models.CharField(max_length=12, choices=GENDER_POLICY, default="coed")
    is_active = models.BooleanField(default=True)
    closed_for_renovation = models.BooleanField(default=False)
    first_year_only = models.BooleanField(default=False)
    has_elevator = models.BooleanField(default=False)
    desk_phone = models.CharField(max_length=20, blank=True)
    year_built = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = HallManager()

    class Meta:
        ordering = ("name",)

    def __str__(self):
        return self.name

    def total_beds(self):
        return Bed.objects.filter(room__hall=self, is_active=True).count()


class HallAmenity(models.Model):
    hall = models.ForeignKey(Hall, on_delete=models.CASCADE, related_name="amenities")
    name = models.CharField(max_length=60)
    floor = models.SmallIntegerField(null=True, blank=True)
    notes = models.CharField(max_length=200, blank=True)


class RoomType(models.Model):
    code = models.CharField(max_length=10, unique=True)  # SGL, DBL, TRP, STE4, APT2
    description = models.CharField(max_length=80)
    capacity = models.PositiveSmallIntegerField(default=2)
    has_private_bath = models.BooleanField(default=False)
    has_kitchen = models.BooleanField(default=False)
    square_feet = models.PositiveIntegerField(null=True, blank=True)

    def __str__(self):
        return self.code


class Room(TimeStampedModel):
    hall = models.ForeignKey(Hall, on_delete=models.CASCADE, related_name="rooms")
    number = models.CharField(max_length=10)
    floor = models.SmallIntegerField(default=1)
    room_type = models.ForeignKey(RoomType, on_delete=models.PROTECT)
    is_accessible = models.BooleanField(default=False)
    is_ra_room = models.BooleanField(default=False)
    offline = models.BooleanField(default=False, help_text="Out of service (damage, renovation)")
    offline_reason = models.CharField(max_length=200, blank=True)
    gender_override = models.CharField(max_length=12, blank=True)

    class Meta:
        unique_together = ("hall", "number")
        ordering = ("hall", "number")

    def __str__(self):
        return "%s %s" % (self.hall.code, self.number)

    @property
    def capacity(self):
        return self.room_type.capacity


class Bed(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="beds")
    letter = models.CharField(max_length=2, blank=True)  # A/B/C
    is_active = models.BooleanField(default=True)
    lofted = models.BooleanField(default=False)

    class Meta:
        unique_together = ("room", "letter")

    def __str__(self):
        return "%s%s" % (self.room, self.letter)

    def is_free(self, term):
        return not self.assignments.filter(term=term, status__in=("pending", "active")).exists()


class ApplicationQuerySet(models.QuerySet):
    def for_term(self, term):
        return self.filter(term=term)

    def submitted(self):
        return self.filter(status="submitted")

    def ready_for_allocation(self, term):
        return self.for_term(term).filter(status="approved", deposit_paid=True)


class Application(TimeStampedModel):
    STATUS_CHOICES = (
        ("draft", "Draft"),
        ("submitted", "Submitted"),
        ("approved", "Approved"),
        ("rejected", "Rejected"),
        ("withdrawn", "Withdrawn"),
        ("allocated", "Allocated"),
        ("waitlisted", "Waitlisted"),
    )
    resident = models.ForeignKey("accounts.Resident", on_delete=models.CASCADE,
                                 related_name="applications")
    term = TermField()
    round = models.ForeignKey("core.AllocationRound", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="applications")
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default="draft")
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL)
    priority_points = models.IntegerField(default=0)
    lifestyle_quiet = models.BooleanField(default=False)
    lifestyle_substance_free = models.BooleanField(default=False)
    lifestyle_early_riser = models.BooleanField(default=False)
    smoker = models.BooleanField(default=False)
    deposit_paid = models.BooleanField(default=False)
    fee_paid = models.BooleanField(default=False)
    comments = models.TextField(blank=True)
    contract_accepted_at = models.DateTimeField(null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        unique_together = ("resident", "term")

    def __str__(self):
        return "Application %s %s" % (self.resident_id, self.term)

    def submit(self):
        self.status = "submitted"
        self.submitted_at = timezone.now()
        self.save(update_fields=["status", "submitted_at", "updated_at"])


class RoomPreference(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="preferences")
    rank = models.PositiveSmallIntegerField()
    hall = models.ForeignKey(Hall, null=True, blank=True, on_delete=models.CASCADE)
    room_type = models.ForeignKey(RoomType, null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        ordering = ("rank",)
        unique_together = ("application", "rank")
