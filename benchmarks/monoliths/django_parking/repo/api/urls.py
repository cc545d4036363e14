from django.urls import include, path
from rest_framework.routers import DefaultRouter

from api import sensor_webhook, views

router = DefaultRouter()
router.register("carparks", views.CarParkViewSet)
router.register("zones", views.ZoneViewSet)
router.register("sessions", views.ParkingSessionViewSet, basename="session")
router.register("vehicles", views.VehicleViewSet, basename="vehicle")
router.register("permits", views.PermitViewSet, basename="permit")
router.register("payments", views.PaymentViewSet, basename="payment")
router.register("pcns", views.PenaltyNoticeViewSet, basename="pcn")
router.register("machine-faults", views.MachineFaultViewSet, basename="machine-fault")

urlpatterns = [
    path("", include(router.urls)),
    path("me/", views.MeView.as_view()),
    path("quote/", views.TariffQuoteView.as_view()),
    path("officer/check/", views.OfficerCheckView.as_view()),
    path("sensors/events/", sensor_webhook.sensor_event),
]
