from django.urls import path

from misc import views

app_name = 'misc'

urlpatterns = [
    path('stock/', views.stock_overview, name='stock'),
    path('stock/adjust/', views.stock_adjust, name='stock_adjust'),
    path('po/new/', views.purchase_order_create, name='po_create'),
    path('po/<int:pk>/receive/', views.purchase_order_receive, name='po_receive'),
    path('documents/<int:patient_id>/', views.document_upload, name='documents'),
    path('qualifications/', views.qualification_list, name='qualifications'),
    path('qualifications/<int:staff_id>/', views.qualification_list, name='staff_qualifications'),
    path('lab-invoices/<int:pk>/approve/', views.lab_invoice_approve, name='lab_invoice_approve'),
    path('reports/takings/', views.daily_takings, name='takings'),
    path('reports/aged-debt.csv', views.aged_debt_csv, name='aged_debt'),
    path('reports/production.csv', views.production_csv, name='production'),
    path('reports/claims.csv', views.outstanding_claims_csv, name='claims_report'),
    path('reports/chairs/', views.chair_utilisation, name='chair_utilisation'),
]
