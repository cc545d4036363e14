from django.urls import path

from desks import views

app_name = "desks"

urlpatterns = [
    path("", views.desk_map, name="map"),
    path("book/", views.book_desk, name="book"),
    path("checkin/", views.checkin, name="checkin"),
]
