from django.urls import path

from facilities import views

app_name = "facilities"

urlpatterns = [
    path("tickets/", views.ticket_list, name="tickets"),
    path("tickets/<int:pk>/", views.ticket_detail, name="ticket"),
    path("tickets/<int:pk>/assign/", views.assign_ticket, name="assign"),
    path("tickets/<int:pk>/close/", views.close_ticket, name="close"),
    path("report/", views.member_report_issue, name="report"),
]
