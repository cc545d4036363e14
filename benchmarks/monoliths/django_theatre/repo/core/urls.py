from django.urls import path

from core import views
from legacy import views as old

urlpatterns = [
    path("", views.home, name="home"),
    path("whats-on/", views.whats_on, name="whats-on"),
    path("season/<str:code>/", views.season_detail, name="season-detail"),
    path("shows/<slug:slug>/", views.production_detail, name="production-detail"),
    path("calendar.json", views.performance_calendar_json, name="performance-calendar"),
    path("staff/schedule/", views.schedule_grid, name="schedule-grid"),
    path("staff/patrons/", views.patron_search, name="patron-search"),
    path("staff/patrons/merge/", views.patron_merge, name="patron-merge"),
    path("staff/patrons/<int:pk>/", views.patron_detail, name="patron-detail"),
    path("staff/patrons/<int:pk>/address/", views.patron_add_address, name="patron-add-address"),
    path("patrons/<int:pk>/preferences/", views.update_contact_preferences, name="contact-preferences"),
    path("staff/foh/training/", views.training_matrix, name="training-matrix"),
    # the old PHP urls, kept alive because they're printed on letters and in old emails
    path("old/mailings/", old.mailing_list_index, name="mailing-index"),
    path("old/mailings/new/", old.mailing_compose, name="mailing-compose"),
    path("old/mailings/<int:pk>/edit/", old.mailing_compose, name="mailing-edit"),
    path("old/mailings/<int:pk>/preview/", old.mailing_preview, name="mailing-preview"),
    path("old/mailings/<int:pk>/test/", old.mailing_send_test, name="mailing-test"),
    path("old/unsubscribe/<uuid:token>/", old.unsubscribe, name="unsubscribe"),
    path("old/o/<uuid:token>.gif", old.track_open, name="track-open"),
    path("old/gifts/", old.gift_list, name="gift-list"),
    path("old/gifts/new/", old.gift_entry, name="gift-entry"),
    path("old/gifts/<int:pk>/letter/", old.acknowledgement_letter, name="gift-letter"),
    path("old/giftaid/<int:patron_id>/", old.giftaid_declaration, name="giftaid-declaration"),
    path("old/volunteer/", old.volunteer_signup, name="volunteer-signup"),
    path("old/volunteer/<int:pk>/availability/", old.volunteer_availability, name="volunteer-availability"),
]
