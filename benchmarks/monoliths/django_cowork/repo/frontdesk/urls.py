from django.urls import path

from frontdesk import views

app_name = "frontdesk"

urlpatterns = [
    path("guests/register/", views.register_guest, name="register_guest"),
    path("today/", views.expected_visitors, name="expected"),
    path("visits/<int:pk>/checkin/", views.visitor_checkin, name="checkin"),
    path("visits/<int:pk>/checkout/", views.visitor_checkout, name="checkout"),
    path("parcels/", views.parcel_inbox, name="parcels"),
    path("issue/", views.report_issue, name="report_issue"),
]
