from django.urls import path

from marketing import views

app_name = "marketing"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
    path("campaigns/", views.campaign_list, name="campaigns"),
    path("campaigns/<int:pk>/send/", views.campaign_send_now, name="campaign_send"),
]
