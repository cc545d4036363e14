from django.contrib.auth.views import LogoutView
from django.urls import path

from accounts import views

app_name = 'accounts'

urlpatterns = [
    path('login/', views.login_view, name='login'),
    path('login/pin/', views.pin_login, name='pin_login'),
    path('logout/', LogoutView.as_view(next_page='/accounts/login/'), name='logout'),
    path('practice/<int:practice_id>/', views.switch_practice, name='switch_practice'),
    path('rota/', views.rota_week, name='rota'),
    path('leave/', views.leave_request_create, name='my_leave'),
    path('leave/<int:pk>/decide/', views.leave_decide, name='leave_decide'),
    path('staff/', views.staff_profile, name='profile'),
    path('staff/<int:pk>/', views.staff_profile, name='staff_profile'),
    path('pay/<int:invoice_id>/', views.take_payment, name='take_payment'),
    path('receipt/<int:pk>/', views.payment_receipt, name='receipt'),
    path('refund/<int:pk>/', views.refund_payment, name='refund'),
    path('plan/<int:invoice_id>/', views.payment_plan_setup, name='payment_plan'),
]
