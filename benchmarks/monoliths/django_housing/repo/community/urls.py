from django.conf.urls import url

from community import views

app_name = "community"

urlpatterns = [
    url(r"^events/$", views.EventListView.as_view(), name="event_list"),
    url(r"^events/new/$", views.EventCreateView.as_view(), name="event_create"),
    url(r"^events/(?P<pk>\d+)/$", views.event_detail, name="event_detail"),
    url(r"^events/(?P<pk>\d+)/rsvp/$", views.rsvp, name="rsvp"),
    url(r"^events/(?P<pk>\d+)/rsvp/cancel/$", views.cancel_rsvp, name="cancel_rsvp"),
    url(r"^events/(?P<pk>\d+)/attendance/$", views.take_attendance, name="attendance"),
    url(r"^budgets/$", views.budget_summary, name="budget_summary"),
    url(r"^incidents/$", views.IncidentListView.as_view(), name="incident_list"),
    url(r"^incidents/new/$", views.report_incident, name="incident_create"),
    url(r"^incidents/(?P<pk>\d+)/$", views.incident_detail, name="incident_detail"),
    url(r"^incidents/(?P<pk>\d+)/parties/$", views.add_party, name="add_party"),
    url(r"^incidents/(?P<pk>\d+)/hearing/$", views.schedule_hearing, name="schedule_hearing"),
    url(r"^incidents/(?P<pk>\d+)/sanction/$", views.record_sanction, name="record_sanction"),
    url(r"^hearings/(?P<hearing_id>\d+)/outcome/$", views.record_hearing_outcome, name="hearing_outcome"),
    url(r"^residents/(?P<resident_id>\d+)/record/$", views.resident_conduct_record, name="conduct_record"),
    url(r"^me/record/$", views.my_conduct_record, name="my_conduct"),
]
