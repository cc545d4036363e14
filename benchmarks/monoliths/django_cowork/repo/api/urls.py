from django.urls import include, path
from rest_framework.routers import DefaultRouter

from api import views

router = DefaultRouter()
router.register("plans", views.PlanViewSet, basename="plan")
router.register("members", views.MemberViewSet, basename="member")
router.register("room-bookings", views.RoomBookingViewSet, basename="roombooking")
router.register("invoices", views.InvoiceViewSet, basename="invoice")
router.register("keycards", views.KeyCardViewSet, basename="keycard")
router.register("events", views.EventViewSet, basename="event")
router.register("tickets", views.TicketViewSet, basename="ticket")

urlpatterns = [
    path("me/", views.me),
    path("desks/availability/", views.DeskAvailabilityView.as_view()),
    path("", include(router.urls)),
]
