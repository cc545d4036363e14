"""
community: hall programming (events) -- and, since the RA incident report
form is filed by the same RAs, the incident / student conduct process too.
"""
from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone

from common.models import TermField, TimeStampedModel


# ---------------------------------------------------------------------------
# programming / events
# ---------------------------------------------------------------------------

class Event(TimeStampedModel):
    CATEGORY = (("social", "Social"), ("academic", "Academic"), ("wellness", "Wellness"),
                ("diversity", "Diversity & inclusion"), ("floor_meeting", "Floor meeting"),
                ("service", "Community service"))
    title = models.CharField(max_length=150)
    hall = models.ForeignKey("housing.Hall", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="events")
    organizer = models.ForeignKey(User, null=True, on_delete=models.SET_NULL)
    category = models.CharField(max_length=15, choices=CATEGORY, default="social")
    description = models.TextField(blank=True)
    location = models.CharField(max_length=120)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    capacity = models.PositiveIntegerField(null=True, blank=True)
    term = TermField()
    mandatory = models.BooleanField(default=False)
    cancelled = models.BooleanField(default=False)
    cost = models.DecimalField(max_digits=8, decimal_places=2, default=0)

    class Meta:
        ordering = ("starts_at",)

    def __str__(self):
        return self.title

    @property
    def is_past(self):
        return self.ends_at < timezone.now()


class EventRSVP(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    resident = models.ForeignKey("accounts.Resident", on_delete=models.CASCADE, related_name="rsvps")
    created_at = models.DateTimeField(auto_now_add=True)
    attended = models.NullBooleanField()
    waitlisted = models.BooleanField(default=False)

    class Meta:
        unique_together = ("event", "resident")


class ProgramBudget(models.Model):
    hall = models.ForeignKey("housing.Hall", on_delete=models.CASCADE, related_name="program_budgets")
    term = TermField()
    allocated = models.DecimalField(max_digits=9, decimal_places=2)
    notes = models.CharField(max_length=200, blank=True)

    class Meta:
        unique_together = ("hall", "term")


# ---------------------------------------------------------------------------
# incidents / conduct
# ---------------------------------------------------------------------------

class Incident(TimeStampedModel):
    STATUS = (("open", "Open"), ("investigating", "Investigating"), ("hearing", "Hearing scheduled"),
              ("resolved", "Resolved"), ("dismissed", "Dismissed"))
    SEVERITY = (("low", "Low"), ("medium", "Medium"), ("high", "High"), ("critical", "Critical / Title IX"))
    TYPE = (("noise", "Noise"), ("alcohol", "Alcohol"), ("drugs", "Drugs"), ("guest", "Guest policy"),
            ("damage", "Vandalism / damage"), ("fire_safety", "Fire safety"),
            ("harassment", "Harassment"), ("theft", "Theft"), ("other", "Other"))
    reference = models.CharField(max_length=20, unique=True)
    hall = models.ForeignKey("housing.Hall", null=True, on_delete=models.SET_NULL, related_name="incidents")
    room = models.ForeignKey("housing.Room", null=True, blank=True, on_delete=models.SET_NULL)
    reported_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    occurred_at = models.DateTimeField()
    incident_type = models.CharField(max_length=15, choices=TYPE)
    severity = models.CharField(max_length=10, choices=SEVERITY, default="low")
    narrative = models.TextField()
    status = models.CharField(max_length=15, choices=STATUS, default="open")
    police_involved = models.BooleanField(default=False)
    confidential = models.BooleanField(default=False)
    assigned_officer = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="conduct_cases")

    class Meta:
        ordering = ("-occurred_at",)

    def __str__(self):
        return self.reference


class IncidentParty(models.Model):
    ROLE = (("respondent", "Respondent"), ("complainant", "Complainant"), ("witness", "Witness"))
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="parties")
    resident = models.ForeignKey("accounts.Resident", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="incident_involvements")
    non_resident_name = models.CharField(max_length=120, blank=True)
    role = models.CharField(max_length=12, choices=ROLE)
    statement = models.TextField(blank=True)


class Hearing(TimeStampedModel):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="hearings")
    scheduled_for = models.DateTimeField()
    location = models.CharField(max_length=100)
    officer = models.ForeignKey(User, null=True, on_delete=models.SET_NULL)
    outcome = models.CharField(max_length=20, blank=True,
                               choices=(("responsible", "Responsible"), ("not_responsible", "Not responsible"),
                                        ("deferred", "Deferred")))
    minutes = models.TextField(blank=True)
    notice_sent_at = models.DateTimeField(null=True, blank=True)


class Sanction(TimeStampedModel):
    KIND = (("warning", "Written warning"), ("education", "Educational sanction"),
            ("fine", "Fine"), ("restitution", "Restitution"), ("probation", "Housing probation"),
            ("relocation", "Room relocation"), ("eviction", "Housing contract termination"))
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="sanctions")
    resident = models.ForeignKey("accounts.Resident", on_delete=models.CASCADE, related_name="sanctions")
    kind = models.CharField(max_length=12, choices=KIND)
    amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    completed = models.BooleanField(default=False)
    effective_date = models.DateField(default=timezone.localdate)
    notes = models.TextField(blank=True)
    appealed = models.BooleanField(default=False)
