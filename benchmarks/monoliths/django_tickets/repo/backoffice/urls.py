from django.urls import path, re_path

from backoffice import views

app_name = "backoffice"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("sales/", views.sales_report, name="sales"),
    path("performances/<int:performance_id>/scans/", views.scan_report, name="scans"),
    path("refunds/", views.refund_queue, name="refunds"),
    re_path(r"^refunds/(?P<reference>[A-Z0-9]+)/force/$", views.force_refund, name="force_refund"),
    path("payouts/", views.payout_list, name="payouts"),
    path("payouts/<int:pk>/approve/", views.payout_approve, name="payout_approve"),
    path("payouts/bank-file.csv", views.payout_bank_file, name="payout_bank_file"),
]
