from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path

from common import views as common_views
from core import views as core_views
from dashboard import views as dash
from legacy import views as legacy_views


def healthz(request):
    return HttpResponse("ok")


urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz),
    path("api/v1/", include("api.urls")),
    path("join/", core_views.join, name="join"),
    path("join/health/", core_views.parq, name="parq"),
    path("me/", core_views.profile, name="profile"),
    path("me/plan/", core_views.change_plan, name="change_plan"),
    path("me/freeze/", core_views.freeze, name="freeze"),
    path("me/cancel/", core_views.cancel_membership_view, name="cancel_membership"),
    path("me/invoices/", core_views.my_invoices, name="my_invoices"),
    path("me/invoices/<str:number>/", core_views.invoice_detail, name="invoice"),
    path("me/refer/", core_views.refer_a_friend, name="refer"),
    path("me/bookings/", common_views.my_bookings, name="my_bookings"),
    path("me/guest-pass/", legacy_views.guest_pass_create),
    path("plans/", core_views.plans, name="plans"),
    path("clubs/", core_views.club_list, name="clubs"),
    path("clubs/<str:code>/", core_views.club_detail, name="club"),
    path("timetable/", common_views.timetable, name="timetable"),
    path("timetable.php", common_views.timetable_old),
    path("classes/<int:session_id>/book/", common_views.book, name="book"),
    path("classes/<int:session_id>/register/", common_views.register, name="register"),
    path("bookings/<int:booking_id>/cancel/", common_views.cancel, name="cancel_booking"),
    path("hooks/gocardless/", core_views.gocardless_webhook),
    path("hooks/door/", legacy_views.door_event),
    path("kiosk/checkin.asp", legacy_views.checkin_v1),
    path("desk/search/", core_views.member_search, name="member_search"),
    path("desk/m/<str:member_no>/", core_views.member_detail, name="member_detail"),
    path("desk/m/<str:keep_no>/merge/<str:dupe_no>/", core_views.merge, name="merge"),
    path("desk/m/<str:member_no>/lost-card/", legacy_views.report_lost_card, name="lost_card"),
    path("desk/invoices/<str:number>/pay/", core_views.take_payment, name="take_payment"),
    path("desk/checkin/", legacy_views.desk_checkin, name="desk_checkin"),
    path("desk/till/", legacy_views.till, name="till"),
    path("desk/till/lookup/", legacy_views.till_lookup),
    path("desk/stock-take/", legacy_views.stock_take, name="stock_take"),
    path("desk/outbox/", common_views.notification_log, name="outbox"),
    path("dash/", dash.home, name="dashboard"),
    path("dash/revenue/", dash.revenue, name="revenue"),
    path("dash/churn/", dash.churn_report),
    path("dash/visits/", dash.visits_report),
    path("dash/classes/", dash.class_report),
    path("dash/retail/", dash.retail_report),
    path("dash/trainers/", dash.trainers, name="trainers"),
    path("dash/trainers/<int:trainer_id>/", dash.trainer_diary, name="trainer_diary"),
    path("dash/pt/sell/", dash.sell_pt, name="sell_pt"),
    path("dash/pt/<int:pk>/", dash.pt_package, name="pt_package"),
    path("dash/pt/session/<int:session_id>/done/", dash.pt_complete, name="pt_complete"),
    path("dash/campaigns/", dash.campaigns, name="campaigns"),
    path("dash/campaigns/new/", dash.campaign_edit, name="campaign_new"),
    path("dash/campaigns/<int:pk>/", dash.campaign_edit, name="campaign_edit"),
    path("dash/leads/", dash.leads, name="leads"),
    path("dash/leads/<int:pk>/won/", dash.lead_won, name="lead_won"),
]
