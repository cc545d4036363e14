"""
backoffice: the estates team's stuff (enclosures, maintenance, contractors,
the habitat sensors) plus a couple of HR-ish things HR asked for.
"""
import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from utils.dates import today_local
from utils.models import TimeStampedModel


class Enclosure(models.Model):
    STATUS = (("open", "Open"), ("closed", "Closed to public"), ("maintenance", "Under maintenance"),
              ("empty", "Empty"))
    ZONES = (("africa", "Africa"), ("asia", "Asia"), ("americas", "Americas"),
             ("farm", "Farm"), ("tropical", "Tropical house"), ("vet", "Vet centre"))
    code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=120)
    zone = models.CharField(max_length=12, choices=ZONES)
    habitat_type = models.CharField(max_length=40, blank=True)
    area_m2 = models.DecimalField(max_digits=9, decimal_places=1, null=True, blank=True)
    max_animals = models.PositiveSmallIntegerField(null=True, blank=True)
    is_public = models.BooleanField(default=True)
    status = models.CharField(max_length=12, choices=STATUS, default="open")
    min_temp_c = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    max_temp_c = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    last_inspected = models.DateField(null=True, blank=True)
    dangerous_animal_licence = models.BooleanField(default=False)

    class Meta:
        ordering = ("zone", "code")

    def __str__(self):
        return "%s %s" % (self.code, self.name)

    def inspection_overdue(self, days=30):
        if not self.last_inspected:
            return True
        return (today_local() - self.last_inspected).days > days


class Contractor(models.Model):
    name = models.CharField(max_length=120)
    trade = models.CharField(max_length=60)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    insured_until = models.DateField(null=True, blank=True)
    active = models.BooleanField(default=True)

    def __str__(self):
        return "%s (%s)" % (self.name, self.trade)

    def insurance_valid(self):
        return self.insured_until and self.insured_until >= today_local()


class MaintenanceJob(TimeStampedModel):
    PRIORITY = ((1, "Emergency"), (2, "Urgent"), (3, "Routine"), (4, "When possible"))
    STATUS = (("open", "Open"), ("assigned", "Assigned"), ("in_progress", "In progress"),
              ("done", "Done"), ("cancelled", "Cancelled"))
    enclosure = models.ForeignKey(Enclosure, related_name="jobs", on_delete=models.CASCADE)
    title = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    priority = models.PositiveSmallIntegerField(choices=PRIORITY, default=3)
    status = models.CharField(max_length=12, choices=STATUS, default="open")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL)
    contractor = models.ForeignKey(Contractor, null=True, blank=True, related_name="jobs",
                                   on_delete=models.SET_NULL)
    due_by = models.DateField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    cost = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    requires_animal_move = models.BooleanField(default=False)
    escalated = models.BooleanField(default=False)

    def save(self, *args, **kwargs):
        if not self.due_by:
            days = {1: 0, 2: 2, 3: 14, 4: 60}.get(self.priority, 14)
            self.due_by = today_local() + datetime.timedelta(days=days)
        super(MaintenanceJob, self).save(*args, **kwargs)

    def complete(self, cost=None):
        self.status = "done"
        self.completed_at = timezone.now()
        if cost is not None:
            self.cost = cost
        self.save()


class EnclosureInspection(models.Model):
    enclosure = models.ForeignKey(Enclosure, related_name="inspections", on_delete=models.CASCADE)
    inspected_on = models.DateField(default=today_local)
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    barrier_ok = models.BooleanField(default=True)
    locks_ok = models.BooleanField(default=True)
    water_ok = models.BooleanField(default=True)
    signage_ok = models.BooleanField(default=True)
    score = models.PositiveSmallIntegerField(default=5)
    notes = models.TextField(blank=True)

    @property
    def passed(self):
        return self.barrier_ok and self.locks_ok and self.water_ok


class HabitatReading(models.Model):
    enclosure = models.ForeignKey(Enclosure, related_name="readings", on_delete=models.CASCADE)
    sensor_id = models.CharField(max_length=40)
    taken_at = models.DateTimeField(db_index=True)
    temp_c = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    humidity = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    lux = models.IntegerField(null=True, blank=True)

    class Meta:
        db_table = "enclosure_habitat_reading"
        index_together = (("enclosure", "taken_at"),)


class TrainingCertificate(models.Model):
    """HR asked for this in 2020 and there was nowhere else to put it."""
    COURSES = (("firearms", "Firearms team"), ("first_aid", "First aid"),
               ("dangerous", "Dangerous animals"), ("forklift", "Forklift"),
               ("food_hygiene", "Food hygiene"), ("manual_handling", "Manual handling"))
    keeper = models.ForeignKey("animals.Keeper", related_name="certificates",
                               on_delete=models.CASCADE)
    course = models.CharField(max_length=20, choices=COURSES)
    provider = models.CharField(max_length=120, blank=True)
    certificate_no = models.CharField(max_length=40, blank=True)
    issued_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)

    def is_valid(self, on=None):
        on = on or today_local()
        return self.expires_on is None or self.expires_on >= on
