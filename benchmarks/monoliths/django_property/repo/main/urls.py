from django.urls import path, re_path

from main import views

urlpatterns = [
    path("buildings/", views.building_list, name="building-list"),
    path("buildings/new/", views.building_edit, name="building-create"),
    path("buildings/<int:pk>/", views.building_detail, name="building-detail"),
    path("buildings/<int:pk>/edit/", views.building_edit, name="building-edit"),
    path("buildings/<int:building_pk>/units/new/", views.unit_edit, name="unit-create"),
    re_path(r"^buildings/(?P<building_pk>\d+)/units/(?P<pk>\d+)/$", views.unit_edit, name="unit-edit"),
    path("vacancies/", views.vacancies, name="vacancies"),
    path("maintenance/", views.work_order_list, name="work-order-list"),
    path("maintenance/new/", views.work_order_create, name="work-order-create"),
    path("maintenance/<int:pk>/dispatch/", views.work_order_dispatch, name="work-order-dispatch"),
    path("maintenance/<int:pk>/complete/", views.work_order_complete, name="work-order-complete"),
    path("maintenance/vendors/", views.vendor_list, name="vendor-list"),
]
