from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("staff/", include("core.urls")),
    path("staff/crm/", include("crm.urls")),
    path("staff/ops/", include("ops.urls")),
    path("", include("web.urls")),
]
