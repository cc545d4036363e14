from django.urls import path

from access import views

app_name = "access"

urlpatterns = [
    path("cards/", views.card_list, name="cards"),
    path("cards/<int:pk>/lost/", views.lost_card, name="lost_card"),
    path("doors/log/", views.door_log, name="door_log"),
    path("hooks/salto/", views.controller_webhook, name="salto_hook"),
]
