import functools

from django.utils import timezone

from api.models import ApiToken
from common.utils import json_fail


def token_required(view):
    """Mobile app sends 'Authorization: Token <key>'. Sets request.member."""
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        header = request.headers.get("Authorization", "")
        key = header[6:].strip() if header.startswith("Token ") else request.GET.get("token")
        tok = ApiToken.objects.filter(key=key, revoked=False).select_related("member").first()
        if not key or tok is None:
            return json_fail("unauthorised", status=401)
        ApiToken.objects.filter(pk=tok.pk).update(last_used=timezone.now())
        request.member = tok.member
        return view(request, *args, **kwargs)
    return wrapper
