from django.urls import path, re_path

from core import views

urlpatterns = [
    path("", views.lease_list, name="lease-list"),
    path("new/", views.lease_create, name="lease-create"),
    path("<int:pk>/", views.lease_detail, name="lease-detail"),
    path("<int:pk>/activate/", views.lease_activate, name="lease-activate"),
    path("<int:pk>/terminate/", views.lease_terminate, name="lease-terminate"),
    path("renewals/<int:pk>/response/", views.renewal_record_response, name="renewal-response"),
    path("invoices/", views.invoice_list, name="invoice-list"),
    path("invoices/<int:pk>/", views.invoice_detail, name="invoice-detail"),
    re_path(r"^rent-roll/(?P<year>\d{4})-(?P<month>\d{2})\.csv$", views.rent_roll_csv, name="rent-roll"),
]
