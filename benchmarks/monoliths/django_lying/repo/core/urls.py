from django.urls import path

from core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("courses/", views.course_list, name="course_list"),
    path("courses/new/", views.instructor_course_create, name="course_create"),
    path("courses/<slug:slug>/", views.course_detail, name="course_detail"),
    path("courses/<slug:slug>/edit/", views.instructor_course_update, name="course_update"),
    path("category/<slug:slug>/", views.category_courses, name="category_courses"),
    path("checkout/<slug:slug>/", views.checkout, name="checkout"),
    path("checkout/<slug:slug>/coupon/", views.apply_coupon, name="apply_coupon"),
    path("stripe/webhook/", views.payment_webhook, name="payment_webhook"),
    path("pricing/", views.pricing, name="pricing"),
    path("subscribe/<str:plan_code>/", views.subscribe, name="subscribe"),
    path("subscriptions/<int:pk>/cancel/", views.cancel_subscription, name="cancel_subscription"),
    path("billing/", views.billing_history, name="billing_history"),
    path("billing/revenue.json", views.revenue_export, name="revenue_export"),
]
