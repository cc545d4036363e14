import secrets

from django.db import models
from django.utils import timezone


def new_key():
    return secrets.token_hex(20)


class ApiToken(models.Model):
    member = models.ForeignKey("core.Member", related_name="api_tokens", on_delete=models.CASCADE)
    key = models.CharField(max_length=40, unique=True, default=new_key)
    created = models.DateTimeField(default=timezone.now)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)


class PushDevice(models.Model):
    member = models.ForeignKey("core.Member", related_name="devices", on_delete=models.CASCADE)
    token = models.CharField(max_length=255, unique=True)
    platform = models.CharField(max_length=8)  # ios / android
    created = models.DateTimeField(auto_now_add=True)
    active = models.BooleanField(default=True)
