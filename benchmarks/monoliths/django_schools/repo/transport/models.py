from django.db import models

from common.models import TimeStampedModel


class Vehicle(models.Model):
    fleet_number = models.CharField(max_length=10, unique=True)
    seats = models.PositiveSmallIntegerField()
    wheelchair_lift = models.BooleanField(default=False)
    inspection_due = models.DateField(null=True, blank=True)
    in_service = models.BooleanField(default=True)

    def __str__(self):
        return "Bus %s" % self.fleet_number


class RiderAssignment(TimeStampedModel):
    DIRECTIONS = (("am", "Morning only"), ("pm", "Afternoon only"), ("both", "Both"))
    STATUSES = (("requested", "Requested"), ("active", "Active"), ("ended", "Ended"), ("denied", "Denied"))

    student = models.ForeignKey("core.Student", on_delete=models.CASCADE, related_name="bus_assignments")
    stop = models.ForeignKey("legacy.BusStop", on_delete=models.PROTECT, related_name="riders")
    direction = models.CharField(max_length=4, choices=DIRECTIONS, default="both")
    status = models.CharField(max_length=10, choices=STATUSES, default="requested")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    needs_lift = models.BooleanField(default=False)
    approved_by = models.ForeignKey("core.StaffMember", null=True, blank=True, on_delete=models.SET_NULL)
    reason = models.CharField(max_length=120, blank=True, help_text="e.g. IEP transport, hazard route")

    class Meta:
        ordering = ["stop__route__number", "stop__seq"]

    def __str__(self):
        return "%s @ %s" % (self.student, self.stop)
