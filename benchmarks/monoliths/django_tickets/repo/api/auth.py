import functools

from django.utils import timezone

from api.models import DeviceToken, PartnerApiKey
from common.utils import json_error


def bearer_token(request):
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.GET.get("key", "")


def device_required(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        token = DeviceToken.objects.filter(key=bearer_token(request), revoked=False).select_related(
            "device__gate").first()
        if token is None:
            return json_error("unknown device", status=401)
        request.device = token.device
        return view(request, *args, **kwargs)
    return wrapper


def partner_key_required(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        api_key = PartnerApiKey.objects.filter(key=bearer_token(request), is_active=True).select_related(
            "promoter").first()
        if api_key is None:
            return json_error("invalid API key", status=401)
        PartnerApiKey.objects.filter(pk=api_key.pk).update(last_used_at=timezone.now())
        request.promoter = api_key.promoter
        return view(request, *args, **kwargs)
    return wrapper
