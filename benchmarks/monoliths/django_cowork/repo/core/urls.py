from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("invoices/", views.invoice_list, name="invoice_list"),
    path("invoices/<int:pk>/", views.invoice_detail, name="invoice_detail"),
    path("invoices/<int:pk>/pdf/", views.invoice_pdf, name="invoice_pdf"),
    path("invoices/<int:pk>/pay/", views.pay_invoice, name="pay_invoice"),
    path("invoices/<int:pk>/credit/", views.issue_credit_note_view, name="credit_note"),
    path("payment-methods/", views.payment_methods, name="payment_methods"),
    path("payment-methods/add/", views.add_payment_method, name="add_payment_method"),
    path("stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
]
