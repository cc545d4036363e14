from django.urls import path

from backoffice import views

urlpatterns = [
    path("venues/", views.venue_list, name="venue-list"),
    path("auditoria/<int:pk>/", views.auditorium_detail, name="auditorium-detail"),
    path("plans/<int:pk>/", views.seating_plan_editor, name="seating-plan-editor"),
    path("plans/<int:pk>/save/", views.seating_plan_save, name="seating-plan-save"),
    path("till/open/", views.till_open, name="till-open"),
    path("till/close/", views.till_close, name="till-close"),
    path("till/summary/", views.till_session_summary, name="till-summary"),
    path("cashup/<int:pk>/", views.cashup, name="cashup"),
    path("development/campaigns/", views.campaign_list, name="campaign-list"),
    path("development/campaigns/<int:pk>/", views.campaign_detail, name="campaign-detail"),
    path("development/pledges/new/", views.pledge_create, name="pledge-create"),
    path("development/instalments/<int:pk>/paid/", views.record_instalment, name="record-instalment"),
    path("foh/rota/", views.rota, name="rota"),
    path("foh/performance/<int:performance_id>/shifts/", views.create_shifts_for_performance, name="create-shifts"),
    path("foh/shifts/<int:shift_id>/assign/", views.assign_volunteer, name="assign-volunteer"),
    path("foh/confirm/<int:assignment_id>/", views.confirm_shift, name="confirm-shift"),
]
