from django.urls import path

from main import views
from shop import views as shop_views

# shop.* urls live here because shop was split out of main in 2020 and
# nobody wanted to change the reverse() names.
urlpatterns = [
    path("book/<int:performance_id>/", views.booking_seat_map, name="booking-seat-map"),
    path("book/<int:performance_id>/hold/", views.hold_seats, name="hold-seats"),
    path("book/<int:performance_id>/house/", views.house_seats, name="house-seats"),
    path("book/hold/<int:hold_id>/release/", views.release_hold, name="release-hold"),
    path("orders/", views.order_list, name="order-list"),
    path("orders/<str:reference>/", views.order_detail, name="order-detail"),
    path("orders/<str:reference>/cancel/", views.cancel_order, name="order-cancel"),
    path("orders/<str:reference>/refund/", views.refund_order, name="order-refund"),
    path("orders/<str:reference>/tickets/", views.print_tickets, name="print-tickets"),
    path("tickets/<int:ticket_id>/exchange/", views.exchange_ticket, name="ticket-exchange"),
    path("box-office/sell/", views.box_office_sale, name="box-office-sale"),
    path("box-office/scan/", views.scan_ticket, name="scan-ticket"),
    path("box-office/sales/", views.sales_dashboard, name="sales-dashboard"),
    path("membership/join/", views.membership_signup, name="membership-signup"),
    path("membership/<str:number>/renew/", views.membership_renew, name="membership-renew"),
    path("membership/<str:number>/card/", views.membership_card, name="membership-card"),
    path("staff/members.csv", views.members_export, name="members-export"),
    # shop
    path("basket/", shop_views.basket_view, name="basket"),
    path("basket/add/<int:performance_id>/", shop_views.add_to_basket, name="shop-add"),
    path("basket/remove/<int:item_id>/", shop_views.remove_from_basket, name="shop-remove"),
    path("basket/discount/", shop_views.apply_discount_code, name="shop-discount"),
    path("basket/donate/", shop_views.checkout_donation, name="shop-donate"),
    path("checkout/", shop_views.checkout, name="checkout"),
    path("checkout/<str:reference>/pay/", shop_views.checkout_pay, name="checkout-pay"),
    path("checkout/<str:reference>/return/", shop_views.payment_return, name="payment-return"),
    path("hooks/paycorp/", shop_views.payment_webhook, name="payment-webhook"),
    path("subscriptions/", shop_views.subscription_packages, name="subscription-packages"),
    path("subscriptions/<int:package_id>/", shop_views.choose_subscription, name="subscription-choose"),
]
