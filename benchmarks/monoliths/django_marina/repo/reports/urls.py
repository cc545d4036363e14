from django.urls import path

from reports import views

urlpatterns = [
    path('occupancy/', views.occupancy_report, name='report_occupancy'),
    path('revenue/', views.revenue_report, name='report_revenue'),
    path('debtors/', views.aged_debtors, name='report_debtors'),
    path('fuel/', views.fuel_volume_report, name='report_fuel'),
    path('yard/', views.yard_utilisation, name='report_yard'),
    path('chandlery/', views.chandlery_sales_report, name='report_chandlery'),
    path('staff-hours/', views.staff_hours_report, name='report_staff_hours'),
    path('security/', views.security_report, name='report_security'),
    path('board-pack/', views.board_pack, name='report_board_pack'),
]
