from django.urls import path

from venues import views

app_name = "venues"

urlpatterns = [
    path("", views.venue_list, name="list"),
    path("seatmap/", views.seatmap_upload, name="seatmap_upload"),
    path("halls/<int:hall_id>/seatmap.json", views.hall_seatmap, name="hall_seatmap"),
    path("<slug:slug>/", views.venue_detail, name="detail"),
]
