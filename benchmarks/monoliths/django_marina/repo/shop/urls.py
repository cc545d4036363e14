from django.urls import path

from shop import views

urlpatterns = [
    path('products/', views.product_list, name='product_list'),
    path('pos/', views.pos_screen, name='pos_new'),
    path('pos/<int:sale_id>/', views.pos_screen, name='pos_screen'),
    path('pos/<int:sale_id>/add/', views.pos_add_line, name='pos_add_line'),
    path('pos/<int:sale_id>/checkout/', views.pos_checkout, name='pos_checkout'),
    path('pos/<int:sale_id>/receipt/', views.receipt, name='receipt'),
    path('stock-take/', views.stock_take, name='stock_take'),
    path('fuel/', views.fuel_screen, name='fuel_screen'),
    path('fuel/sale/', views.fuel_sale_create, name='fuel_sale_create'),
    path('fuel/prices/', views.fuel_prices, name='fuel_prices'),
]
