import hashlib
import hmac
from functools import wraps

from django.conf import settings
from django.utils import timezone

from api.models import VendorAccessToken
from api.utils import json_error


def vendor_token_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        key = header[6:] if header.startswith("Token ") else ""
        token = VendorAccessToken.objects.select_related("vendor").filter(key=key).first()
        if token is None or not token.is_valid():
            return json_error("invalid token", 401)
        VendorAccessToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        request.vendor = token.vendor
        return view(request, *args, **kwargs)

    return wrapper


def verify_signature(body, signature, secret=None):
    secret = (secret or settings.PAYMENT_WEBHOOK_SECRET).encode()
    expected = hmac.new(secret, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature or "")
