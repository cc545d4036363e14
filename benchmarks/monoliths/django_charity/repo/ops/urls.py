from django.urls import path

from ops import views

urlpatterns = [
    path("rota/", views.rota_view, name="rota"),
    path("shifts/<int:pk>/book/", views.shift_book, name="shift_book"),
    path("volunteers/<int:volunteer_pk>/hours/", views.timesheet_add, name="timesheet_add"),
    path("timesheets/approve/", views.timesheet_approve, name="timesheet_approve"),
    path("events/new/", views.event_edit, name="event_new"),
    path("events/<int:pk>/", views.event_edit, name="event_edit"),
    path("attendees/<int:pk>/check-in/", views.attendee_check_in, name="attendee_check_in"),
    path("grants/", views.grant_list, name="grant_list"),
    path("grants/new/", views.grant_application_add, name="grant_application_add"),
    path("grants/<int:pk>/decide/", views.grant_decide, name="grant_decide"),
    path("grants/reports/<int:pk>/", views.grant_report_receive, name="grant_report_receive"),
]
