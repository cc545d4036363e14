from django.urls import path

from api import views

urlpatterns = [
    path("login/", views.login),
    path("me/", views.me),
    path("me/invoices/", views.invoices),
    path("me/bookings/", views.my_bookings),
    path("me/visits/", views.visits),
    path("me/prefs/", views.marketing_prefs),
    path("classes/", views.classes),
    path("classes/<int:session_id>/book/", views.book),
    path("bookings/<int:booking_id>/cancel/", views.cancel),
    path("checkin/", views.qr_checkin),
    path("trainers/", views.trainers),
    path("devices/", views.register_device),
]
