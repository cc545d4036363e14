from django.urls import path
from django.views.generic import TemplateView

from members import views

app_name = "members"

urlpatterns = [
    path("join/<str:location_code>/", views.signup, name="signup"),
    path("join/done/", TemplateView.as_view(template_name="members/signup_done.html"), name="signup_done"),
    path("home/", views.member_home, name="home"),
    path("membership/<int:pk>/change/", views.change_plan, name="change_plan"),
    path("membership/<int:pk>/cancel/", views.cancel_membership, name="cancel_membership"),
    path("company/invite/", views.invite_teammate, name="invite"),
    path("rooms/", views.room_list, name="rooms"),
    path("rooms/book/", views.book_room, name="book_room"),
    path("rooms/bookings/", views.my_bookings, name="my_bookings"),
    path("rooms/bookings/<int:pk>/cancel/", views.cancel_room_booking, name="cancel_booking"),
    path("rooms/<int:room_id>/calendar.json", views.room_calendar_json, name="room_calendar"),
    path("profile/", views.edit_profile, name="edit_profile"),
    path("directory/", views.directory, name="directory"),
    path("directory/<int:pk>/", views.profile_detail, name="profile"),
]
