from django.urls import path

from core import views

urlpatterns = [
    path("", views.staff_home, name="staff_home"),
    path("supporters/", views.supporter_list, name="supporter_list"),
    path("supporters/new/", views.supporter_edit, name="supporter_new"),
    path("supporters/<int:pk>/", views.supporter_detail, name="supporter_detail"),
    path("supporters/<int:pk>/edit/", views.supporter_edit, name="supporter_edit"),
    path("supporters/<int:pk>/merge/<int:dupe_pk>/", views.supporter_merge, name="supporter_merge"),
    path("supporters/<int:supporter_pk>/declaration/", views.declaration_add, name="declaration_add"),
    path("donations/add/", views.donation_add, name="donation_add"),
    path("donations/<int:pk>/refund/", views.donation_refund, name="donation_refund"),
    path("campaigns/", views.campaign_list, name="campaign_list"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("giftaid/claims/", views.giftaid_claim_list, name="giftaid_claim_list"),
    path("giftaid/claims/<int:pk>/", views.giftaid_claim_detail, name="giftaid_claim_detail"),
    path("giftaid/claims/<int:pk>/submit/", views.giftaid_claim_submit, name="giftaid_claim_submit"),
]
