from django.urls import path

from community import views

app_name = "community"

urlpatterns = [
    path("events/", views.event_list, name="events"),
    path("events/new/", views.create_event, name="create_event"),
    path("events/<slug:slug>/", views.event_detail, name="event"),
    path("events/<slug:slug>/rsvp/", views.rsvp, name="rsvp"),
    path("events/<slug:slug>/cancel/", views.cancel_rsvp, name="cancel_rsvp"),
]
