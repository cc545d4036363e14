from django.conf import settings
from django.conf.urls import include, url
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import path
from rest_framework import routers

import animals.signals  # noqa - connect receivers (no AppConfig.ready in this project)
import core.signals  # noqa
from animals import views as animal_views
from backoffice import views as bo_views
from core import views as core_views
from website import api
from website import views as web_views

router = routers.DefaultRouter()
router.register(r"animals", api.AnimalViewSet, basename="animal")
router.register(r"feeding", api.FeedingLogViewSet, basename="feeding")
router.register(r"events", api.EventViewSet, basename="event")

core_patterns = ([
    path("till/", core_views.GateTillView.as_view(), name="gate_till"),
    path("scan/", core_views.gate_scan, name="gate_scan"),
    path("day/", core_views.day_sheet, name="day_sheet"),
    path("refund/<str:reference>/", core_views.refund_order, name="refund"),
    path("guest/<str:member_number>/", core_views.issue_member_guest_tickets, name="guest_tickets"),
    path("members/", core_views.MemberSearchView.as_view(), name="member_search"),
    path("members/new/", core_views.new_member, name="new_member"),
    path("members/<int:pk>/", core_views.MemberDetailView.as_view(), name="member_detail"),
    path("memberships/<int:pk>/renew/", core_views.renew_membership, name="renew"),
    path("cards/", core_views.print_member_cards, name="print_cards"),
    path("donation/", core_views.record_donation, name="record_donation"),
    path("adoptions/", core_views.AdoptionListView.as_view(), name="adoptions"),
    path("adoptions/new/", core_views.new_adoption, name="new_adoption"),
    path("adoptions/<int:pk>/certificate/", core_views.send_adoption_certificate, name="certificate"),
], "core")

animal_patterns = ([
    path("", animal_views.AnimalListView.as_view(), name="list"),
    path("new/", animal_views.AnimalCreateView.as_view(), name="create"),
    path("<int:pk>/", animal_views.AnimalDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", animal_views.AnimalUpdateView.as_view(), name="edit"),
    path("<int:pk>/record/", animal_views.add_medical_record, name="add_record"),
    path("<int:pk>/vet/", animal_views.add_vet_visit, name="add_vet_visit"),
    path("<int:pk>/weight/", animal_views.record_weight, name="weight"),
    path("<int:pk>/weights.json", animal_views.weight_chart_json, name="weight_json"),
    path("<int:pk>/transfer/", animal_views.record_transfer, name="transfer"),
    path("quarantine/", animal_views.quarantine_board, name="quarantine"),
    path("feeding/", animal_views.feeding_log, name="feeding_log"),
    path("feeding/bulk/", animal_views.bulk_feeding, name="bulk_feeding"),
    path("diet-sheet/", animal_views.diet_sheet, name="diet_sheet"),
    path("feed-store/", animal_views.feed_store, name="feed_store"),
    path("feed-store/po/<int:pk>/receive/", animal_views.receive_purchase_order, name="receive_po"),
    path("rota/", animal_views.my_rota, name="my_rota"),
    path("rota/edit/", animal_views.rota_editor, name="rota_editor"),
    path("rota/leave/", animal_views.request_leave, name="request_leave"),
    path("rota/leave/<int:pk>/", animal_views.approve_leave, name="approve_leave"),
    path("rota/swap/<int:shift_id>/", animal_views.request_swap, name="request_swap"),
], "animals")

backoffice_patterns = ([
    path("maintenance/", bo_views.MaintenanceDashboardView.as_view(), name="maintenance"),
    path("maintenance/new/", bo_views.new_job, name="new_job"),
    path("maintenance/<int:pk>/", bo_views.update_job, name="update_job"),
    path("maintenance/<int:pk>/move/", bo_views.move_animals_for_job, name="move_animals"),
    path("enclosures/<int:pk>/", bo_views.enclosure_detail, name="enclosure"),
    path("enclosures/<int:enclosure_id>/inspect/", bo_views.record_inspection, name="inspect"),
    path("certificates/", bo_views.certificates, name="certificates"),
    path("schools/", bo_views.SchoolVisitListView.as_view(), name="school_visits"),
    path("schools/<int:pk>/confirm/", bo_views.confirm_school_visit, name="confirm_school"),
    path("events/<int:pk>/register/", bo_views.event_register, name="event_register"),
    path("reports/takings/", bo_views.takings_report, name="takings"),
    path("reports/feed-cost/", bo_views.feed_cost_report, name="feed_cost"),
    path("reports/hours/", bo_views.keeper_hours, name="keeper_hours"),
    path("reports/estates/", bo_views.estates_report, name="estates_report"),
], "backoffice")

website_patterns = ([
    path("", web_views.home, name="home"),
    path("opening-times/", web_views.opening_times, name="opening_times"),
    path("closures/", web_views.enclosure_closures, name="closures"),
    path("tickets/", web_views.BuyTicketsView.as_view(), name="tickets"),
    path("tickets/quote/", web_views.ticket_quote, name="ticket_quote"),
    path("tickets/<str:reference>/", web_views.order_done, name="order_done"),
    path("payments/webhook/", web_views.payment_webhook, name="payment_webhook"),
    path("animals/", web_views.animal_directory, name="animals"),
    path("animals/<int:pk>/", web_views.animal_profile, name="animal"),
    path("animals/<int:pk>/adopt/", web_views.adopt_animal, name="adopt"),
    path("join/", web_views.join_membership, name="join"),
    path("donate/", web_views.donate, name="donate"),
    path("my-membership/", web_views.member_area, name="member_area"),
    path("whats-on/", web_views.EventListView.as_view(), name="events"),
    path("whats-on/<slug:slug>/", web_views.EventDetailView.as_view(), name="event"),
    path("whats-on/<slug:slug>/book/", web_views.book_event, name="book_event"),
    path("talks/", web_views.keeper_talks_today, name="talks"),
    path("schools/", web_views.school_visit_enquiry, name="schools"),
    path("learning/", web_views.learning_resources, name="resources"),
    path("learning/<int:pk>/download/", web_views.download_resource, name="download"),
    path("thanks/", web_views.thanks, name="thanks"),
], "website")

urlpatterns = [
    url(r"^admin/", admin.site.urls),
    url(r"^api/", include(router.urls)),
    path("api/availability/", api.TicketAvailabilityView.as_view()),
    path("api/me/shifts/", api.MyShiftsView.as_view()),
    path("api/me/card/", api.MemberCardView.as_view()),
    path("api/talks/", api.KeeperTalkListView.as_view()),
    path("api/sensors/", api.HabitatReadingIngestView.as_view()),
    path("desk/", include(core_patterns)),
    path("keepers/", include(animal_patterns)),
    path("office/", include(backoffice_patterns)),
    path("", include(website_patterns)),
] + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
