from django.urls import path

from main import views

urlpatterns = [
    path('', views.dashboard, name='dashboard'),
    path('berths/', views.berth_list, name='berth_list'),
    path('berths/<int:pk>/', views.berth_detail, name='berth_detail'),
    path('berths/<int:berth_id>/allocate/', views.allocate_view, name='allocate'),
    path('allocations/<int:pk>/release/', views.release_view, name='release'),
    path('waiting-list/', views.waiting_list, name='waiting_list'),
    path('invoices/', views.invoice_list, name='invoice_list'),
    path('invoices/<int:pk>/', views.invoice_detail, name='invoice_detail'),
    path('invoices/<int:pk>/pdf/', views.invoice_pdf, name='invoice_pdf'),
    path('invoices/<int:pk>/pay/', views.record_payment_view, name='record_payment'),
    path('visitors/checkin/', views.visitor_checkin, name='visitor_checkin'),
]
