from django.urls import path

from legacy import ivr, views

urlpatterns = [
    path("ivr/callback", ivr.ivr_callback),
    path("v1/pcn", views.old_pcn_lookup),
    path("v1/permit-check", views.old_permit_check),
    path("v1/machines", views.old_machine_status),
]
