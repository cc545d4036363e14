from django.contrib import admin
from django.shortcuts import render
from django.urls import include, path

from accounts import views as staff_views
from common import views as diary_views
from core import views as invoice_views
from customers import views as customer_views
from integrations import views as warranty_views
from shop import reports
from shop import signals  # noqa -- connects the shop receivers (no AppConfig.ready)
from shop import views as shop_views


def server_error(request):
    return render(request, '500.html', status=500)


handler500 = 'garage.urls.server_error'

urlpatterns = [
    path('admin/', admin.site.urls),
    path('health/', diary_views.healthcheck),

    # auth / staff
    path('accounts/login/', staff_views.GarageLoginView.as_view(), name='login'),
    path('accounts/logout/', staff_views.logout_view, name='logout'),
    path('staff/', staff_views.technician_list, name='technician-list'),
    path('staff/rota/', staff_views.rota_week, name='rota-week'),
    path('staff/rota/<str:start>/', staff_views.rota_week, name='rota-week-from'),
    path('staff/shift/', staff_views.shift_save, name='shift-save'),
    path('staff/clock-in/', staff_views.clock_in, name='clock-in'),
    path('staff/clock-out/', staff_views.clock_out, name='clock-out'),
    path('staff/kiosk/', staff_views.kiosk_clock, name='kiosk-clock'),
    path('staff/timesheet/', staff_views.my_timesheet, name='my-timesheet'),
    path('staff/leave/', staff_views.leave_request_create, name='leave-request'),
    path('staff/leave/<int:pk>/decide/', staff_views.leave_decide, name='leave-decide'),
    path('staff/available.json', staff_views.available_technicians_json, name='available-techs'),

    # diary
    path('', diary_views.home, name='home'),
    path('search/', diary_views.global_search, name='search'),
    path('diary/', diary_views.diary_day, name='diary-day'),
    path('diary/<str:date_str>/', diary_views.diary_day, name='diary-day'),
    path('diary-feed.json', diary_views.diary_json, name='diary-json'),
    path('booking/slots.json', diary_views.available_slots, name='available-slots'),
    path('booking/new/', diary_views.book_appointment, name='book-appointment'),
    path('booking/<int:pk>/', diary_views.appointment_detail, name='appointment-detail'),
    path('booking/<int:pk>/reschedule/', diary_views.reschedule_appointment, name='appointment-reschedule'),
    path('booking/<int:pk>/cancel/', diary_views.cancel_appointment, name='appointment-cancel'),
    path('booking/<int:pk>/arrived/', diary_views.mark_arrived, name='appointment-arrived'),
    path('booking/<int:pk>/check-in/', diary_views.check_in_appointment, name='appointment-check-in'),
    path('bays/block/', diary_views.BayBlockCreateView.as_view(), name='bay-block'),

    # customers, vehicles, loyalty, campaigns
    path('customers/', customer_views.CustomerListView.as_view(), name='customer-list'),
    path('customers/new/', customer_views.customer_create, name='customer-create'),
    path('customers/<int:pk>/', customer_views.customer_detail, name='customer-detail'),
    path('customers/<int:pk>/edit/', customer_views.customer_edit, name='customer-edit'),
    path('customers/<int:pk>/delete/', customer_views.customer_delete, name='customer-delete'),
    path('customers/<int:pk>/note/', customer_views.add_contact_note, name='customer-note'),
    path('customers/<int:pk>/export/', customer_views.customer_data_export, name='customer-export'),
    path('customers/<int:customer_pk>/vehicles/new/', customer_views.vehicle_add, name='vehicle-add'),
    path('vehicles/<int:pk>/', customer_views.vehicle_detail, name='vehicle-detail'),
    path('vehicles/<int:pk>/transfer/', customer_views.transfer_vehicle, name='vehicle-transfer'),
    path('vehicles/lookup.json', customer_views.vehicle_lookup_json, name='vehicle-lookup'),
    path('fleet/', customer_views.fleet_account_list, name='fleet-list'),
    path('fleet/new/', customer_views.fleet_account_edit, name='fleet-create'),
    path('fleet/<int:pk>/', customer_views.fleet_account_edit, name='fleet-edit'),
    path('loyalty/<int:customer_pk>/', customer_views.loyalty_card, name='loyalty-card'),
    path('loyalty/<int:customer_pk>/redeem/', customer_views.redeem_points_view, name='loyalty-redeem'),
    path('loyalty/<int:customer_pk>/adjust/', customer_views.adjust_points, name='loyalty-adjust'),
    path('loyalty/coupon.json', customer_views.coupon_check_json, name='coupon-check'),
    path('campaigns/', customer_views.campaign_list, name='campaign-list'),
    path('campaigns/new/', customer_views.campaign_edit, name='campaign-create'),
    path('campaigns/<int:pk>/', customer_views.campaign_edit, name='campaign-edit'),
    path('campaigns/<int:pk>/preview/', customer_views.campaign_preview, name='campaign-preview'),
    path('campaigns/<int:pk>/send/', customer_views.campaign_send_now, name='campaign-send'),
    path('campaigns/<int:pk>/stats.json', customer_views.campaign_stats_json, name='campaign-stats'),
    path('c/o/<int:recipient_id>.gif', customer_views.campaign_open_pixel, name='campaign-pixel'),

    # workshop
    path('jobs/', shop_views.WorkOrderListView.as_view(), name='workorder-list'),
    path('jobs/walk-in/', shop_views.workorder_create_walkin, name='workorder-walkin'),
    path('jobs/board/', shop_views.technician_job_board, name='job-board'),
    path('jobs/dashboard/', shop_views.workshop_dashboard, name='workshop-dashboard'),
    path('jobs/<int:pk>/', shop_views.workorder_detail, name='workorder-detail'),
    path('jobs/<int:pk>/labour/', shop_views.workorder_add_labour, name='workorder-labour'),
    path('jobs/<int:pk>/parts/', shop_views.workorder_add_part, name='workorder-part'),
    path('jobs/<int:pk>/parts/<int:line_pk>/remove/', shop_views.workorder_remove_part, name='workorder-part-remove'),
    path('jobs/<int:pk>/status/', shop_views.workorder_change_status, name='workorder-status'),
    path('jobs/<int:pk>/authorise/', shop_views.workorder_authorise, name='workorder-authorise'),
    path('jobs/<int:pk>/print/', shop_views.workorder_print_jobcard, name='workorder-print'),
    path('jobs/<int:pk>/vhc/', shop_views.inspection_edit, name='inspection-edit'),
    path('vhc/<int:pk>/send/', shop_views.inspection_send_to_customer, name='inspection-send'),
    path('vhc/<int:pk>/<str:token>/', shop_views.inspection_customer_view, name='inspection-public'),

    # parts
    path('parts/', shop_views.PartListView.as_view(), name='part-list'),
    path('parts/new/', shop_views.part_edit, name='part-create'),
    path('parts/search.json', shop_views.part_search_json, name='part-search'),
    path('parts/<int:pk>/', shop_views.part_detail, name='part-detail'),
    path('parts/<int:pk>/edit/', shop_views.part_edit, name='part-edit'),
    path('parts/<int:pk>/stock-take/', shop_views.stock_take, name='part-stock-take'),
    path('suppliers/', shop_views.supplier_list, name='supplier-list'),
    path('suppliers/feeds/', warranty_views.supplier_feed_logs, name='supplier-feed-logs'),
    path('suppliers/feeds/upload/', warranty_views.supplier_feed_upload, name='supplier-feed-upload'),
    path('purchasing/', shop_views.purchase_order_list, name='po-list'),
    path('purchasing/new/', shop_views.purchase_order_create, name='po-create'),
    path('purchasing/<int:pk>/', shop_views.purchase_order_detail, name='po-detail'),
    path('purchasing/<int:pk>/send/', shop_views.purchase_order_send, name='po-send'),
    path('purchasing/<int:pk>/receive/', shop_views.purchase_order_receive, name='po-receive'),

    # invoicing
    path('invoices/', invoice_views.InvoiceListView.as_view(), name='invoice-list'),
    path('invoices/<int:pk>/', invoice_views.invoice_detail, name='invoice-detail'),
    path('invoices/<int:pk>/sundry/', invoice_views.invoice_add_sundry, name='invoice-sundry'),
    path('invoices/<int:pk>/issue/', invoice_views.invoice_issue, name='invoice-issue'),
    path('invoices/<int:pk>/pay/', invoice_views.take_payment, name='invoice-pay'),
    path('invoices/<int:pk>/credit/', invoice_views.credit_note_create, name='invoice-credit'),
    path('invoices/<int:pk>/void/', invoice_views.invoice_void, name='invoice-void'),
    path('invoices/<int:pk>/pdf/', invoice_views.invoice_pdf, name='invoice-pdf'),
    path('invoices/<int:pk>/email/', invoice_views.invoice_email, name='invoice-email'),
    path('invoices/<int:pk>/coupon/', invoice_views.apply_coupon_view, name='invoice-coupon'),
    path('invoices/<int:pk>/print/', invoice_views.legacy_invoice_print, name='invoice-print-legacy'),
    path('hooks/paylink/', invoice_views.pay_link_webhook, name='paylink-webhook'),

    # warranty
    path('warranty/', warranty_views.claim_list, name='claim-list'),
    path('warranty/<int:pk>/', warranty_views.claim_detail, name='claim-detail'),
    path('warranty/<int:pk>/update/', warranty_views.claim_update, name='claim-update'),
    path('warranty/<int:pk>/submit/', warranty_views.claim_submit, name='claim-submit'),
    path('warranty/from-job/<int:wo_pk>/', warranty_views.claim_create_from_work_order, name='claim-from-job'),
    path('warranty/recalls.json', warranty_views.recall_lookup, name='recall-lookup'),
    path('hooks/oem/<str:portal_code>/', warranty_views.oem_status_callback, name='oem-callback'),

    # reports
    path('reports/aged-debtors/', invoice_views.aged_debtors, name='report-aged-debtors'),
    path('reports/takings/', invoice_views.daily_takings, name='report-takings'),
    path('reports/vat/', invoice_views.vat_return_summary, name='report-vat'),
    path('reports/parts-valuation/', reports.parts_valuation, name='report-parts-valuation'),
    path('reports/slow-parts/', reports.slow_moving_parts, name='report-slow-parts'),
    path('reports/supplier-spend/', reports.supplier_spend, name='report-supplier-spend'),
    path('reports/job-aging/', reports.work_order_aging, name='report-job-aging'),
    path('reports/comebacks/', reports.comeback_rate, name='report-comebacks'),
    path('reports/tech-productivity/', reports.technician_productivity, name='report-tech-productivity'),
    path('reports/gross-profit/', reports.gross_profit_by_job, name='report-gp'),
]
