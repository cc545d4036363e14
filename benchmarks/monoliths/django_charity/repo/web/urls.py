from django.urls import path

from web import auth, views

urlpatterns = [
    path("", views.home, name="home"),
    path("appeal/<slug:slug>/", views.appeal_page, name="appeal_page"),
    path("donate/", views.donate, name="donate"),
    path("donate/<slug:slug>/", views.donate, name="donate_page"),
    path("donate/thank-you/", views.donate_thanks, name="donate_thanks"),
    path("regular-giving/", views.regular_gift_signup, name="regular_gift_signup"),
    path("shop/", views.shop_index, name="shop_index"),
    path("shop/basket/", views.basket, name="basket"),
    path("shop/checkout/", views.checkout, name="checkout"),
    path("shop/<str:sku>/", views.product_detail, name="product_detail"),
    path("events/", views.event_list, name="event_list"),
    path("events/<slug:slug>/book/", views.event_book, name="event_book"),
    path("account/register/", views.account_register, name="account_register"),
    path("account/", views.account_home, name="account_home"),
    path("account/preferences/", views.account_preferences, name="account_preferences"),
    path("staff/login/", auth.staff_login, name="staff_login"),
    path("staff/logout/", auth.staff_logout, name="staff_logout"),
]
