from django.contrib import admin
from django.http import JsonResponse
from django.urls import include, path


def healthcheck(request):
    return JsonResponse({"ok": True})


urlpatterns = [
    path("admin/", admin.site.urls),
    path("backoffice/", include("backoffice.urls")),
    path("api/", include("api.urls")),
    path("legacy/", include("legacy.urls")),
    path("healthz", healthcheck),
    path("", include("main.urls")),
]
