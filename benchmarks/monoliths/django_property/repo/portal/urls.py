from django.urls import path, re_path

from portal import views

urlpatterns = [
    path("", views.dashboard, name="portal-dashboard"),
    re_path(r"^apply/(?P<unit_id>\d+)/$", views.apply, name="portal-apply"),
    path("invoices/", views.invoices, name="portal-invoices"),
    path("invoices/<int:pk>/pay/", views.pay_invoice, name="portal-pay"),
    path("renewals/<int:pk>/", views.renewal_respond, name="portal-renewal"),
    path("requests/", views.service_requests, name="portal-requests"),
    path("requests/new/", views.new_service_request, name="portal-request-new"),
    path("notices/", views.notices, name="portal-notices"),
]
