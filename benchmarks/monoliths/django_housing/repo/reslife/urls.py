from django.conf.urls import include, url
from django.contrib import admin
from django.db import connection
from django.http import JsonResponse
from django.views.generic import RedirectView


def healthcheck(request):
    """Used by the load balancer. Keep it dumb."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        db_ok = True
    except Exception:  # noqa
        db_ok = False
    return JsonResponse({"ok": db_ok}, status=200 if db_ok else 503)


urlpatterns = [
    url(r"^$", RedirectView.as_view(url="/accounts/dashboard/", permanent=False)),
    url(r"^health/$", healthcheck, name="healthcheck"),
    url(r"^admin/", admin.site.urls),
    url(r"^accounts/", include("accounts.urls")),
    url(r"^housing/", include("housing.urls")),
    url(r"^core/", include("core.urls")),
    # "legacy" is the old facilities module, still mounted under /maint/ for the
    # bookmarks people have had since 2014.
    url(r"^maint/", include("legacy.urls")),
    url(r"^community/", include("community.urls")),
]
