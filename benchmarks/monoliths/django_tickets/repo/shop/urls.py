from django.urls import path, re_path

from shop import views

app_name = "shop"

urlpatterns = [
    path("checkout/<str:token>/", views.checkout, name="checkout"),
    re_path(r"^orders/(?P<reference>[A-Z0-9]{10})/pay/$", views.pay, name="pay"),
    re_path(r"^orders/(?P<reference>[A-Z0-9]{10})/return/$", views.payment_return, name="payment_return"),
    re_path(r"^orders/(?P<reference>[A-Z0-9]{10})/$", views.confirmation, name="confirmation"),
    re_path(r"^orders/(?P<reference>[A-Z0-9]{10})/refund/$", views.request_refund, name="refund"),
    path("my-orders/", views.my_orders, name="my_orders"),
    path("paygate/webhook/", views.paygate_webhook, name="paygate_webhook"),
]
