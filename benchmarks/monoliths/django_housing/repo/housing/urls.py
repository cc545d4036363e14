from django.conf.urls import url

from housing import views

app_name = "housing"

urlpatterns = [
    url(r"^halls/$", views.HallListView.as_view(), name="hall_list"),
    url(r"^halls/(?P<pk>\d+)/$", views.HallDetailView.as_view(), name="hall_detail"),
    url(r"^halls/(?P<hall_id>\d+)/roster/$", views.hall_staff_roster, name="hall_roster"),
    url(r"^rooms/$", views.RoomListView.as_view(), name="room_list"),
    url(r"^rooms/(?P<pk>\d+)/$", views.room_detail, name="room_detail"),
    url(r"^rooms/(?P<pk>\d+)/offline/$", views.set_room_offline, name="room_offline"),
    url(r"^availability\.json$", views.bed_availability_json, name="bed_availability"),
    url(r"^apply/$", views.ApplicationCreateView.as_view(), name="apply"),
    url(r"^applications/mine/$", views.my_application, name="my_application"),
    url(r"^applications/review/$", views.application_review_queue, name="review_queue"),
    url(r"^applications/(?P<pk>\d+)/$", views.application_detail, name="application_detail"),
    url(r"^applications/(?P<pk>\d+)/preferences/$", views.application_preferences,
        name="application_preferences"),
    url(r"^applications/(?P<pk>\d+)/submit/$", views.submit_application, name="submit_application"),
    url(r"^applications/(?P<pk>\d+)/withdraw/$", views.withdraw_application, name="withdraw_application"),
    url(r"^applications/(?P<pk>\d+)/decide/$", views.approve_application, name="approve_application"),
]
