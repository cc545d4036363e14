from django.urls import path

from crm import views

urlpatterns = [
    path("regular-gifts/", views.recurring_gift_list, name="recurring_gift_list"),
    path("regular-gifts/<int:pk>/cancel/", views.recurring_gift_cancel, name="recurring_gift_cancel"),
    path("hooks/paygate/", views.gateway_webhook, name="gateway_webhook"),
    path("segments/new/", views.segment_edit, name="segment_new"),
    path("segments/<int:pk>/", views.segment_edit, name="segment_edit"),
    path("segments/<int:pk>/preview/", views.segment_preview, name="segment_preview"),
    path("mailings/new/", views.mailing_edit, name="mailing_new"),
    path("mailings/<int:pk>/", views.mailing_edit, name="mailing_edit"),
    path("mailings/<int:pk>/send/", views.mailing_send_now, name="mailing_send_now"),
    path("volunteers/", views.volunteer_list, name="volunteer_list"),
    path("volunteers/<int:pk>/", views.volunteer_edit, name="volunteer_edit"),
]
