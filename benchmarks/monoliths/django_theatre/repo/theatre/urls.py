from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from rest_framework import routers

from api import views as api_views

router = routers.DefaultRouter()
router.register(r"productions", api_views.ProductionViewSet, basename="production")
router.register(r"performances", api_views.PerformanceViewSet, basename="performance")
router.register(r"venues", api_views.VenueViewSet, basename="venue")
router.register(r"orders", api_views.OrderViewSet, basename="order")
router.register(r"memberships", api_views.MembershipViewSet, basename="membership")
router.register(r"patrons", api_views.PatronViewSet, basename="patron")
router.register(r"donations", api_views.DonationViewSet, basename="donation")
router.register(r"my-shifts", api_views.MyShiftsViewSet, basename="my-shifts")

admin.site.site_header = "Grange Playhouse Box Office"
admin.site.site_title = "Grange Playhouse"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include(router.urls)),
    path("api/v1/scan/", api_views.ticket_scan_api, name="api-ticket-scan"),
    path("api-auth/", include("rest_framework.urls")),
    path("backoffice/", include("backoffice.urls")),
    path("", include("main.urls")),
    path("", include("core.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
