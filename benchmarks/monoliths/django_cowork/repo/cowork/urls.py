from django.contrib import admin
from django.db import connection
from django.http import JsonResponse
from django.urls import include, path


def healthcheck(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"ok": True})


urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthcheck),
    path("accounts/", include("accounts.urls")),
    path("billing/", include("core.urls")),
    path("members/", include("members.urls")),
    path("desks/", include("desks.urls")),
    path("access/", include("access.urls")),
    path("community/", include("community.urls")),
    path("frontdesk/", include("frontdesk.urls")),
    path("facilities/", include("facilities.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("api/v1/", include("api.urls")),
]
