from django.conf import settings
from django.db import models

from common.models import TimeStampedModel


class ParentAccount(TimeStampedModel):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="parent_account")
    guardian = models.OneToOneField("core.Guardian", on_delete=models.CASCADE, related_name="portal_account")
    verified = models.BooleanField(default=False)
    last_login_ip = models.GenericIPAddressField(null=True, blank=True)
    sms_opt_in = models.BooleanField(default=True)

    def __str__(self):
        return "Portal: %s" % self.guardian


class AbsenceNote(TimeStampedModel):
    STATUSES = (("pending", "Pending"), ("accepted", "Accepted"), ("rejected", "Rejected"))

    student = models.ForeignKey("core.Student", on_delete=models.CASCADE, related_name="absence_notes")
    guardian = models.ForeignKey("core.Guardian", on_delete=models.CASCADE)
    date_from = models.DateField()
    date_to = models.DateField()
    reason = models.TextField()
    code = models.ForeignKey("attendance.AbsenceCode", null=True, blank=True, on_delete=models.SET_NULL,
                             limit_choices_to={"parent_selectable": True})
    status = models.CharField(max_length=8, choices=STATUSES, default="pending")
    reviewed_by = models.ForeignKey("core.StaffMember", null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-created_at"]


class OnlinePayment(TimeStampedModel):
    STATUSES = (("started", "Started"), ("paid", "Paid"), ("failed", "Failed"), ("cancelled", "Cancelled"))

    account = models.ForeignKey("legacy.MealAccount", on_delete=models.PROTECT, related_name="online_payments")
    guardian = models.ForeignKey("core.Guardian", on_delete=models.PROTECT)
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    fee = models.DecimalField(max_digits=6, decimal_places=2, default=0)
    gateway_ref = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(max_length=10, choices=STATUSES, default="started")
    raw_response = models.TextField(blank=True)
