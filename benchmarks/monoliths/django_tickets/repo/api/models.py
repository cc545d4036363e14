import secrets

from django.db import models


def _new_key():
    return secrets.token_hex(20)


class DeviceToken(models.Model):
    device = models.OneToOneField("boxoffice.ScannerDevice", on_delete=models.CASCADE, related_name="token")
    key = models.CharField(max_length=40, unique=True, default=_new_key)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked = models.BooleanField(default=False)


class PartnerApiKey(models.Model):
    promoter = models.ForeignKey("core.Promoter", on_delete=models.CASCADE, related_name="api_keys")
    key = models.CharField(max_length=40, unique=True, default=_new_key)
    label = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
