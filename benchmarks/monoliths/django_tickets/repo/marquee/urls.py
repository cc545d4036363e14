from django.contrib import admin
from django.http import JsonResponse
from django.urls import include, path


def healthcheck(request):
    return JsonResponse({"ok": True})


urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", healthcheck),
    path("venues/", include("venues.urls")),
    path("", include("core.urls")),
    path("shop/", include("shop.urls")),
    path("boxoffice/", include("boxoffice.urls")),
    path("marketing/", include("marketing.urls")),
    path("backoffice/", include("backoffice.urls")),
    path("api/v1/", include("api.urls")),
]
