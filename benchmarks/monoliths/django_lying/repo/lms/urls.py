from django.contrib import admin
from django.db import connection
from django.http import JsonResponse
from django.urls import include, path


def healthcheck(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", healthcheck),
    path("accounts/", include("common.urls")),
    path("", include("core.urls")),
    path("learn/", include("main.urls")),
    path("api/v1/", include("api.urls")),
    path("certs/", include("legacy.urls")),
]
