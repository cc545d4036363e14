from django.urls import path

from backoffice import views

app_name = "backoffice"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("permits/", views.permit_applications_queue, name="permit_queue"),
    path("permits/<int:pk>/", views.review_permit_application, name="permit_review"),
    path("appeals/", views.appeals_queue, name="appeals_queue"),
    path("appeals/<int:pk>/", views.decide_appeal, name="decide_appeal"),
    path("pcn/<str:pcn_ref>/", views.pcn_detail, name="pcn_detail"),
    path("pcn/<str:pcn_ref>/cancel/", views.cancel_pcn, name="cancel_pcn"),
    path("officers/", views.officer_roster, name="officer_roster"),
    path("refunds/", views.refunds_pending, name="refunds"),
    path("refunds/<int:pk>/", views.approve_refund, name="approve_refund"),
    path("reports/takings/", views.finance_reports, name="finance_reports"),
    path("machines/faults/", views.fault_list, name="faults"),
    path("machines/faults/new/", views.log_fault, name="log_fault"),
    path("machines/faults/<int:fault_id>/workorder/", views.assign_work_order, name="assign_wo"),
    path("machines/workorders/<str:number>/close/", views.close_work_order, name="close_wo"),
    path("machines/cash/", views.record_cash_collection, name="cash_collection"),
    path("tariffs/schedule/", views.schedule_tariff_change, name="tariff_change"),
    path("car-parks/<str:code>/closure/", views.CarParkClosureView.as_view(), name="carpark_closure"),
]
