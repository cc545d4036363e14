from django.urls import path

from accounts import portal, views

urlpatterns = [
    path('login/', views.login_view, name='login'),
    path('logout/', views.logout_view, name='logout'),
    path('portal/', portal.portal_home, name='portal_home'),
    path('portal/invoices/', portal.portal_invoices, name='portal_invoices'),
    path('portal/berth/', portal.portal_berth, name='portal_berth'),
    path('portal/jobs/', portal.portal_workorders, name='portal_jobs'),
    path('portal/gate/', portal.portal_gate_code, name='portal_gate'),
]
