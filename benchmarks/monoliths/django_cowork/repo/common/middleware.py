import zoneinfo

from django.utils import timezone

from core.models import Location


class TimezoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tzname = request.session.get("django_timezone") if hasattr(request, "session") else None
        if tzname:
            timezone.activate(zoneinfo.ZoneInfo(tzname))
        else:
            timezone.deactivate()
        return self.get_response(request)


class LocationMiddleware:
    """Puts request.location (the site the user is looking at) on the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.location = None
        loc_id = request.session.get("location_id") if hasattr(request, "session") else None
        if loc_id:
            request.location = Location.objects.filter(pk=loc_id, active=True).first()
        elif request.user.is_authenticated and hasattr(request.user, "member"):
            request.location = request.user.member.home_location
        return self.get_response(request)
