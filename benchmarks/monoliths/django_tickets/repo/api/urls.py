from django.urls import path

from api import views

urlpatterns = [
    path("events/", views.events),
    path("events/<slug:slug>/", views.event_detail),
    path("performances/<int:pk>/availability/", views.performance_availability),
    path("orders/<str:reference>/", views.order_detail),
    path("scan/", views.scan),
    path("performances/<int:performance_id>/sync/", views.gate_sync),
    path("partner/events/<slug:slug>/sales/", views.partner_sales),
]
