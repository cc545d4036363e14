from django.urls import path

from staff import views

urlpatterns = [
    path('rota/', views.rota_view, name='rota'),
    path('rota/shift/', views.shift_edit, name='shift_new'),
    path('rota/shift/<int:pk>/', views.shift_edit, name='shift_edit'),
    path('leave/', views.leave_request, name='leave_request'),
    path('leave/<int:pk>/', views.leave_approve, name='leave_approve'),
    path('gate-codes/', views.gate_codes, name='gate_codes'),
    path('fobs/', views.fob_list, name='fob_list'),
    path('access-log/', views.access_log_view, name='access_log'),
    path('incident/', views.incident_new, name='incident_new'),
]
