import secrets

from django.db import models
from django.utils import timezone


def _new_token():
    return secrets.token_hex(20)


class VendorAccessToken(models.Model):
    """Lets contractors update their jobs from the field app without a staff login."""

    vendor = models.ForeignKey("main.Vendor", on_delete=models.CASCADE, related_name="tokens")
    key = models.CharField(max_length=40, unique=True, default=_new_token)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def is_valid(self):
        return self.expires_at is None or self.expires_at > timezone.now()
