from django.urls import path, re_path

from api import views

urlpatterns = [
    path("units/", views.available_units),
    path("me/lease", views.my_lease),
    path("me/invoices", views.my_invoices),
    path("payments/webhook", views.payment_webhook),
    path("screening/callback", views.screening_callback),
    path("vendor/jobs", views.vendor_jobs),
    re_path(r"^vendor/jobs/(?P<pk>\d+)$", views.vendor_job_update),
    path("owner/statements", views.owner_statements),
]
