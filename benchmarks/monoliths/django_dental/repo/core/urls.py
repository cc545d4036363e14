from django.urls import path

from core import views

app_name = 'core'

urlpatterns = [
    path('', views.patient_list, name='patient_list'),
    path('search/', views.patient_search_ajax, name='patient_search'),
    path('new/', views.patient_create, name='patient_create'),
    path('<int:pk>/', views.patient_detail, name='patient_detail'),
    path('<int:pk>/edit/', views.patient_edit, name='patient_edit'),
    path('<int:pk>/history/', views.medical_history_update, name='medical_history'),
    path('<int:pk>/merge/', views.patient_merge, name='patient_merge'),
    path('<int:patient_id>/plans/new/', views.treatment_plan_create, name='plan_create'),
    path('plans/<int:pk>/', views.treatment_plan_detail, name='plan_detail'),
    path('plans/<int:pk>/accept/', views.treatment_plan_accept, name='plan_accept'),
    path('<int:patient_id>/policy/', views.policy_edit, name='policy_add'),
    path('<int:patient_id>/policy/<int:pk>/', views.policy_edit, name='policy_edit'),
    path('claims/', views.claim_list, name='claim_list'),
    path('claims/<int:pk>/', views.claim_detail, name='claim_detail'),
    path('claims/<int:pk>/submit/', views.submit_claim_view, name='claim_submit'),
]
