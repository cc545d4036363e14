from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("magic/", views.send_magic_link, name="send_magic"),
    path("magic/<str:token>/", views.magic_link_login, name="magic"),
]
