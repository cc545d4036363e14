from django.conf.urls import url
from django.contrib.auth import views as auth_views

from accounts import views

app_name = "accounts"

urlpatterns = [
    url(r"^login/$", views.staff_login, name="login"),
    url(r"^logout/$", views.staff_logout, name="logout"),
    url(r"^password_change/$", auth_views.PasswordChangeView.as_view(), name="password_change"),
    url(r"^dashboard/$", views.StaffDashboardView.as_view(), name="dashboard"),
    url(r"^staff/$", views.hall_staff_directory, name="staff_directory"),
    url(r"^residents/$", views.ResidentListView.as_view(), name="resident_list"),
    url(r"^residents/new/$", views.resident_create, name="resident_create"),
    url(r"^residents/search\.json$", views.resident_search_json, name="resident_search_json"),
    url(r"^residents/export\.csv$", views.export_residents_csv, name="resident_export"),
    url(r"^residents/(?P<pk>\d+)/$", views.ResidentDetailView.as_view(), name="resident_detail"),
    url(r"^residents/(?P<pk>\d+)/edit/$", views.resident_edit, name="resident_edit"),
    url(r"^residents/(?P<pk>\d+)/notes/$", views.add_resident_note, name="add_note"),
    url(r"^residents/(?P<pk>\d+)/accommodations/$", views.accommodation_needs, name="accommodations"),
    url(r"^residents/(?P<pk>\d+)/accommodations/(?P<need_id>\d+)/approve/$",
        views.approve_accommodation, name="approve_accommodation"),
    url(r"^residents/(?P<pk>\d+)/cards/issue/$", views.issue_access_card, name="issue_card"),
    url(r"^me/$", views.my_profile, name="my_profile"),
    url(r"^cards/$", views.AccessCardListView.as_view(), name="card_list"),
    url(r"^cards/(?P<card_id>\d+)/deactivate/$", views.deactivate_card, name="deactivate_card"),
    url(r"^cards/(?P<card_id>\d+)/swipes/$", views.card_swipe_log, name="card_swipes"),
]
