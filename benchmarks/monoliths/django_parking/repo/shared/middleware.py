import uuid

import pytz
from django.utils import timezone


class RequestIdMiddleware(object):
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request.META.get("HTTP_X_REQUEST_ID") or uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response


class TimezoneMiddleware(object):
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tzname = request.session.get("django_timezone") if hasattr(request, "session") else None
        if tzname:
            timezone.activate(pytz.timezone(tzname))
        else:
            timezone.deactivate()
        return self.get_response(request)


class LastSeenMiddleware(object):
    """Stamp Customer.last_seen at most once every 5 minutes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            from main.models import Customer

            now = timezone.now()
            last = request.session.get("_last_seen_ts", 0)
            if now.timestamp() - last > 300:
                Customer.objects.filter(user=user).update(last_seen=now)
                request.session["_last_seen_ts"] = now.timestamp()
        return response
