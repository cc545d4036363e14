from django.urls import path

from main import views

app_name = "main"

urlpatterns = [
    path("", views.home, name="home"),
    path("car-parks/<str:code>/", views.carpark_detail, name="carpark_detail"),
    path("car-parks/occupancy.json", views.carpark_occupancy_json, name="occupancy_json"),
    path("park/", views.start_session, name="start_session"),
    path("park/<str:reference>/extend/", views.extend_session, name="extend_session"),
    path("park/<str:reference>/receipt/", views.session_receipt, name="session_receipt"),
    path("my/sessions/", views.my_sessions, name="my_sessions"),
    path("permits/apply/", views.apply_for_permit, name="apply_for_permit"),
    path("permits/<str:ref>/", views.permit_status, name="permit_status"),
    path("permits/<str:permit_ref>/visitors/", views.buy_visitor_vouchers, name="visitor_vouchers"),
    path("renew/<str:ref>/", views.legacy_permit_renewal),
    path("pcn/pay/", views.pay_penalty, name="pay_penalty"),
    path("pcn/<str:pcn_ref>/challenge/", views.challenge_penalty, name="challenge_penalty"),
    path("register/", views.register, name="register"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("my/vehicles/", views.my_vehicles, name="my_vehicles"),
    path("my/vehicles/add/", views.add_vehicle, name="add_vehicle"),
    path("my/vehicles/<int:pk>/remove/", views.remove_vehicle, name="remove_vehicle"),
    path("my/account/", views.AccountSettingsView.as_view(), name="account_settings"),
    path("prices/", views.tariff_lookup, name="tariff_lookup"),
]
