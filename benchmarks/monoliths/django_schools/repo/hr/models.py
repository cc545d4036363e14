from django.db import models

from common.models import TimeStampedModel


class Certification(models.Model):
    KINDS = (("teaching", "Teaching credential"), ("sub", "Substitute permit"), ("cdl", "CDL (bus)"),
             ("first_aid", "First aid / CPR"), ("food", "Food handler"), ("fingerprint", "Fingerprint clearance"))

    staff = models.ForeignKey("core.StaffMember", on_delete=models.CASCADE, related_name="certifications")
    kind = models.CharField(max_length=12, choices=KINDS)
    number = models.CharField(max_length=30, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    verified = models.BooleanField(default=False)

    class Meta:
        ordering = ["expires_on"]

    def __str__(self):
        return "%s %s" % (self.staff, self.get_kind_display())


class LeaveRequest(TimeStampedModel):
    KINDS = (("sick", "Sick"), ("personal", "Personal"), ("pd", "Professional development"),
             ("jury", "Jury duty"), ("bereavement", "Bereavement"))
    STATUSES = (("pending", "Pending"), ("approved", "Approved"), ("denied", "Denied"), ("cancelled", "Cancelled"))

    staff = models.ForeignKey("core.StaffMember", on_delete=models.CASCADE, related_name="leave_requests")
    kind = models.CharField(max_length=12, choices=KINDS)
    start_date = models.DateField()
    end_date = models.DateField()
    half_day = models.BooleanField(default=False)
    reason = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=STATUSES, default="pending")
    approved_by = models.ForeignKey("core.StaffMember", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    needs_cover = models.BooleanField(default=True)

    class Meta:
        ordering = ["-start_date"]


class SubstituteCover(models.Model):
    leave = models.ForeignKey(LeaveRequest, on_delete=models.CASCADE, related_name="covers")
    section = models.ForeignKey("core.Section", on_delete=models.CASCADE)
    date = models.DateField()
    substitute = models.ForeignKey("core.StaffMember", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="covers")
    confirmed = models.BooleanField(default=False)
    notes = models.CharField(max_length=200, blank=True)

    class Meta:
        unique_together = ("section", "date")
        ordering = ["date"]
