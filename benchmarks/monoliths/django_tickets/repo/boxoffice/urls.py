from django.urls import path

from boxoffice import views

app_name = "boxoffice"

urlpatterns = [
    path("performances/<int:performance_id>/seats/", views.seat_picker, name="seat_picker"),
    path("performances/<int:performance_id>/hold/", views.hold_create, name="hold_create"),
    path("performances/<int:performance_id>/counter/", views.counter_sale, name="counter_sale"),
    path("performances/<int:performance_id>/gates/", views.gate_dashboard, name="gate_dashboard"),
    path("scan/", views.door_scan, name="door_scan"),
]
