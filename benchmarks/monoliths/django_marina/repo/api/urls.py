from django.urls import include, path
from rest_framework.routers import DefaultRouter

from api import views

router = DefaultRouter()
router.register('owners', views.OwnerViewSet, basename='owner')
router.register('workorders', views.WorkOrderViewSet, basename='workorder')
router.register('invoices', views.InvoiceViewSet, basename='invoice')

urlpatterns = [
    path('', include(router.urls)),
    path('berths/available/', views.BerthAvailabilityView.as_view()),
    path('fuel/prices/', views.fuel_prices),
    path('pump/', views.pump_webhook),
    path('gate/check/', views.gate_check),
    path('gocardless/', views.gocardless_webhook),
]
