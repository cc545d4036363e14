from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from common.views import healthcheck

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", healthcheck),
    path("", include("main.urls")),
    path("leases/", include("core.urls")),
    path("office/", include("common.urls")),
    path("owners/", include("legacy.urls")),
    path("portal/", include("portal.urls")),
    path("api/v1/", include("api.urls")),
]
