from django.conf.urls import url

from core import reports, views

app_name = "core"

urlpatterns = [
    # assignments
    url(r"^assignments/$", views.AssignmentListView.as_view(), name="assignment_list"),
    url(r"^assignments/new/$", views.create_assignment, name="assignment_create"),
    url(r"^assignments/swap/$", views.swap_view, name="assignment_swap"),
    url(r"^assignments/(?P<pk>\d+)/$", views.assignment_detail, name="assignment_detail"),
    url(r"^assignments/(?P<pk>\d+)/check-in/$", views.check_in, name="check_in"),
    url(r"^assignments/(?P<pk>\d+)/check-out/$", views.check_out, name="check_out"),
    url(r"^assignments/(?P<pk>\d+)/end/$", views.end_assignment_view, name="assignment_end"),
    url(r"^assignments/(?P<pk>\d+)/accept/$", views.accept_offer, name="accept_offer"),
    url(r"^my-room/$", views.my_assignment, name="my_assignment"),
    url(r"^roommates/$", views.roommate_request_view, name="roommate_request"),
    url(r"^waitlist/$", views.waitlist_view, name="waitlist"),
    url(r"^rounds/$", views.allocation_round_dashboard, name="allocation_dashboard"),
    url(r"^rounds/(?P<pk>\d+)/$", views.allocation_round_dashboard, name="allocation_round"),
    url(r"^rounds/(?P<pk>\d+)/run/$", views.run_round_now, name="allocation_run"),
    # finance
    url(r"^charges/$", views.ChargeListView.as_view(), name="charge_list"),
    url(r"^charges/(?P<pk>\d+)/void/$", views.void_charge, name="void_charge"),
    url(r"^accounts/(?P<resident_id>\d+)/$", views.resident_account, name="resident_account"),
    url(r"^accounts/(?P<resident_id>\d+)/pay/$", views.post_payment_view, name="post_payment"),
    url(r"^accounts/(?P<resident_id>\d+)/adjust/$", views.adjust_charge, name="adjust_charge"),
    url(r"^accounts/(?P<resident_id>\d+)/refund/$", views.refund_view, name="refund"),
    url(r"^accounts/(?P<resident_id>\d+)/deposit/settle/$", views.settle_deposit_view, name="settle_deposit"),
    url(r"^my-statement/$", views.my_statement, name="my_statement"),
    url(r"^rates/$", views.rate_card_view, name="rate_card"),
    url(r"^periods/(?P<term>\d{4}[A-Z]{2})/close/$", views.billing_period_close, name="period_close"),
    url(r"^bursar/(?P<term>\d{4}[A-Z]{2})\.csv$", views.bursar_export, name="bursar_export"),
    url(r"^arrears/$", views.arrears_list, name="arrears"),
    url(r"^hooks/payment/$", views.payment_webhook, name="payment_webhook"),
    # reports
    url(r"^reports/$", reports.reports_index, name="reports"),
    url(r"^reports/hall/(?P<hall_id>\d+)/$", reports.hall_snapshot_view, name="hall_snapshot"),
]
