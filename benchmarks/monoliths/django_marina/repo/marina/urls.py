from django.contrib import admin
from django.http import JsonResponse
from django.urls import include, path


def healthcheck(request):
    return JsonResponse({'ok': True})


urlpatterns = [
    path('admin/', admin.site.urls),
    path('health/', healthcheck),
    path('accounts/', include('accounts.urls')),
    path('', include('main.urls')),
    path('boats/', include('boats.urls')),
    path('shop/', include('shop.urls')),
    path('staff/', include('staff.urls')),
    path('reports/', include('reports.urls')),
    path('api/', include('api.urls')),
]
