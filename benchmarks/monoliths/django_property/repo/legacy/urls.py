from django.urls import path, re_path

from legacy import views

urlpatterns = [
    path("statements/", views.statement_list, name="owner-statements"),
    re_path(r"^(?P<owner_id>\d+)/statements/$", views.statement_list, name="owner-statements-staff"),
    re_path(r"^statements/(?P<pk>\d+)/$", views.statement_detail, name="owner-statement"),
]
