from django.urls import path

from portal import views

urlpatterns = [
    path("", views.portal_home, name="portal-home"),
    path("child/<int:student_id>/grades/", views.child_grades, name="portal-grades"),
    path("child/<int:student_id>/attendance/", views.child_attendance, name="portal-attendance"),
    path("child/<int:student_id>/attendance/note/", views.submit_absence_note, name="portal-absence-note"),
    path("child/<int:student_id>/bus/", views.child_bus, name="portal-bus"),
    path("child/<int:student_id>/lunch/", views.lunch_balance, name="portal-lunch"),
    path("child/<int:student_id>/lunch/top-up/", views.top_up, name="portal-top-up"),
    path("lunch/return/", views.payment_return, name="portal-payment-return"),
]
