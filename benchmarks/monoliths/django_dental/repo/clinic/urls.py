from django.urls import path

from clinic import views

app_name = 'clinic'

urlpatterns = [
    path('chart/<int:patient_id>/', views.chart_view, name='chart'),
    path('chart/<int:patient_id>/add/', views.chart_entry_add, name='chart_add'),
    path('chart/entry/<int:pk>/complete/', views.complete_procedure_view, name='complete'),
    path('notes/<int:patient_id>/new/', views.clinical_note_create, name='note_create'),
    path('notes/<int:pk>/sign/', views.sign_note, name='note_sign'),
    path('consent/<int:patient_id>/', views.consent_sign, name='consent'),
    path('lab/', views.lab_order_list, name='lab_orders'),
    path('lab/new/<int:patient_id>/', views.lab_order_create, name='lab_order_create'),
    path('lab/<int:pk>/', views.LabOrderUpdateView.as_view(), name='lab_order_edit'),
    path('lab/<int:pk>/received/', views.lab_order_receive, name='lab_order_receive'),
]
