from django.urls import path

from dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.staff_home, name="home"),
    path("revenue/", views.revenue_view, name="revenue"),
    path("occupancy/", views.occupancy_view, name="occupancy"),
    path("access/", views.access_view, name="access"),
    path("maintenance/", views.maintenance_view, name="maintenance"),
    path("visitors/", views.visitors_view, name="visitors"),
    path("events/", views.events_view, name="events"),
    path("members.csv", views.members_export, name="members_export"),
]
