from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.db import connection
from django.http import JsonResponse
from django.urls import include, path


def healthcheck(request):
    try:
        with connection.cursor() as cur:
            cur.execute('SELECT 1')
        db_ok = True
    except Exception:
        db_ok = False
    return JsonResponse({'ok': db_ok}, status=200 if db_ok else 503)


urlpatterns = [
    path('admin/', admin.site.urls),
    path('healthz/', healthcheck),
    path('accounts/', include('accounts.urls')),
    path('patients/', include('core.urls')),
    path('clinic/', include('clinic.urls')),
    path('office/', include('office.urls')),
    path('misc/', include('misc.urls')),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
