from django.urls import path, re_path

from core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("events/", views.event_list, name="event_list"),
    re_path(r"^events/(?P<slug>[-\w]+)/$", views.event_detail, name="event_detail"),
    re_path(r"^events/(?P<slug>[-\w]+)/publish/$", views.event_publish, name="event_publish"),
    path("promoter/", views.promoter_dashboard, name="promoter_dashboard"),
]
