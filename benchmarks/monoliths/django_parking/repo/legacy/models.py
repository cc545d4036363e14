# Models from the 2016 system. Table names kept as they were (legacy_*), do NOT rename,
# the DVLA and Cashless reconciliation scripts on the reporting box read them directly.
from django.db import models


class CardToken(models.Model):
    customer = models.ForeignKey("main.Customer", null=True, blank=True, related_name="card_tokens",
                                 on_delete=models.CASCADE)
    provider = models.CharField(max_length=12, default="cashless")
    token = models.CharField(max_length=128)
    card_type = models.CharField(max_length=12, blank=True)
    last4 = models.CharField(max_length=4)
    expiry_month = models.PositiveSmallIntegerField()
    expiry_year = models.PositiveSmallIntegerField()
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked = models.BooleanField(default=False)

    def is_expired(self, today):
        return (self.expiry_year, self.expiry_month) < (today.year, today.month)


class LoginAudit(models.Model):
    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    success = models.BooleanField(default=False)
    user_agent = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)


class IvrCall(models.Model):
    call_sid = models.CharField(max_length=64, unique=True)
    caller_number = models.CharField(max_length=20)
    customer = models.ForeignKey("main.Customer", null=True, blank=True, on_delete=models.SET_NULL)
    step = models.CharField(max_length=20, default="location")
    location_code = models.CharField(max_length=8, blank=True)
    vrm = models.CharField(max_length=10, blank=True)
    minutes = models.PositiveIntegerField(null=True, blank=True)
    session = models.ForeignKey("main.ParkingSession", null=True, blank=True,
                                on_delete=models.SET_NULL)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, blank=True)


class WarningNotice(models.Model):
    """First-offence warnings (used during the first weeks of a new CPZ)."""

    vrm = models.CharField(max_length=10, db_index=True)
    zone = models.ForeignKey("main.Zone", on_delete=models.CASCADE)
    officer = models.ForeignKey("backoffice.CivilOfficer", null=True, on_delete=models.SET_NULL)
    contravention = models.ForeignKey("main.ContraventionCode", on_delete=models.PROTECT)
    issued_at = models.DateTimeField()


class KeeperEnquiry(models.Model):
    penalty_notice = models.ForeignKey("main.PenaltyNotice", related_name="keeper_enquiries",
                                       on_delete=models.CASCADE)
    requested_at = models.DateTimeField(auto_now_add=True)
    response_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=12, default="sent")
    raw_response = models.TextField(blank=True)


class MachineAlarm(models.Model):
    machine = models.ForeignKey("backoffice.PayMachine", related_name="alarms",
                                on_delete=models.CASCADE)
    code = models.CharField(max_length=10)
    message = models.CharField(max_length=255)
    raised_at = models.DateTimeField()
    cleared_at = models.DateTimeField(null=True, blank=True)
    fault = models.ForeignKey("backoffice.FaultReport", null=True, blank=True,
                              on_delete=models.SET_NULL)
