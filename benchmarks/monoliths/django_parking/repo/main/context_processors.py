from django.conf import settings

from main.models import ParkingSession


def site_settings(request):
    return {"DEBUG": settings.DEBUG, "SITE_NAME": "CityPark"}


def active_session_banner(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(user, "customer"):
        return {}
    session = ParkingSession.active.filter(customer=user.customer).order_by("expires_at").first()
    return {"active_parking_session": session}
