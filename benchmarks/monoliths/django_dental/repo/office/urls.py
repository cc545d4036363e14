from django.contrib.auth.decorators import login_required
from django.urls import path

from accounts.decorators import practice_required
from office import views

app_name = 'office'

urlpatterns = [
    path('diary/', views.diary_day, name='diary_day'),
    path('diary/<str:day>/', views.diary_day, name='diary_day'),
    path('week/', views.diary_week, name='diary_week'),
    path('book/', views.book_appointment, name='book'),
    path('appt/<int:pk>/move/', views.move_appointment, name='move'),
    path('appt/<int:pk>/cancel/', views.cancel_appointment, name='cancel'),
    path('appt/<int:pk>/checkin/', views.check_in, name='check_in'),
    path('appt/<int:appt_id>/invoice/', views.create_invoice_for_appointment, name='invoice_appt'),
    path('waiting-list/', views.waiting_list, name='waiting_list'),
    path('recalls/', views.recall_list, name='recalls'),
    path('invoices/', login_required(practice_required(views.InvoiceSearchView.as_view())), name='invoices'),
    path('invoices/<int:pk>/', views.invoice_detail, name='invoice_detail'),
    path('invoices/<int:pk>/pdf/', views.invoice_pdf, name='invoice_pdf'),
    path('invoices/<int:pk>/void/', views.void_invoice, name='invoice_void'),
    path('patient/<int:patient_id>/invoices/', views.patient_invoices, name='patient_invoices'),
]
