from django.urls import path

from boats import views

urlpatterns = [
    path('owners/', views.owner_list, name='owner_list'),
    path('owners/new/', views.owner_edit, name='owner_new'),
    path('owners/<int:pk>/', views.owner_detail, name='owner_detail'),
    path('owners/<int:pk>/edit/', views.owner_edit, name='owner_edit'),
    path('owners/<int:owner_id>/boats/new/', views.boat_edit, name='boat_new'),
    path('<int:pk>/', views.boat_detail, name='boat_detail'),
    path('<int:pk>/edit/', views.boat_edit, name='boat_edit'),
    path('<int:boat_id>/jobs/new/', views.workorder_create, name='workorder_create'),
    path('<int:boat_id>/haulout/', views.book_haulout, name='book_haulout'),
    path('jobs/', views.workorder_list, name='workorder_list'),
    path('jobs/<int:pk>/', views.workorder_detail, name='workorder_detail'),
    path('jobs/<int:pk>/labour/', views.add_labour, name='add_labour'),
    path('jobs/<int:pk>/parts/', views.add_part, name='add_part'),
    path('jobs/<int:pk>/complete/', views.complete_workorder, name='complete_workorder'),
    path('hoist/', views.haulout_calendar, name='haulout_calendar'),
]
