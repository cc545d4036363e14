from django.contrib import admin
from django.urls import include, path

from attendance import views as attendance_views
from common.views import healthcheck
from core import views as core_views
from gradebook import views as gradebook_views
from hr import views as hr_views
from legacy import views as legacy_views
from meals import views as meals_views
from reports import views as report_views
from transport import views as transport_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", healthcheck),
    path("", core_views.home, name="home"),

    # students & guardians
    path("students/", core_views.StudentListView.as_view(), name="student-list"),
    path("students/new/", core_views.student_create, name="student-create"),
    path("students/<int:pk>/", core_views.StudentDetailView.as_view(), name="student-detail"),
    path("students/<int:pk>/guardians/add/", core_views.guardian_add, name="guardian-add"),
    path("students/<int:pk>/withdraw/", core_views.withdraw, name="student-withdraw"),

    # sections & enrolment
    path("sections/<int:pk>/roster/", core_views.section_roster, name="section-roster"),
    path("students/<int:pk>/enrol/", core_views.enrol, name="enrol"),
    path("enrolments/<int:pk>/drop/", core_views.drop, name="enrolment-drop"),

    # attendance
    path("attendance/register/<int:section_id>/", attendance_views.RegisterView.as_view(), name="register"),
    path("attendance/student/<int:pk>/", attendance_views.student_attendance, name="student-attendance"),
    path("attendance/notes/", attendance_views.absence_note_queue, name="absence-note-queue"),
    path("legacy/attendance/upload/", legacy_views.old_attendance_upload),

    # grades
    path("gradebook/<int:section_id>/", gradebook_views.GradebookView.as_view(), name="gradebook"),
    path("gradebook/<int:section_id>/assignments/new/", gradebook_views.assignment_create, name="assignment-create"),
    path("gradebook/assignments/<int:pk>/scores/", gradebook_views.enter_scores, name="enter-scores"),

    # reports
    path("reports/enrolment/", report_views.enrolment_report, name="report-enrolment"),
    path("reports/attendance/", report_views.attendance_report, name="report-attendance"),
    path("reports/ridership/", report_views.ridership_report, name="report-ridership"),
    path("reports/meal-claim/", report_views.meal_claim_report, name="report-meal-claim"),
    path("report-cards/<int:pk>/", report_views.report_card_view, name="report-card"),

    # transport
    path("transport/routes/", transport_views.RouteListView.as_view(), name="route-list"),
    path("transport/routes/<int:pk>/", transport_views.route_detail, name="route-detail"),
    path("transport/assign/<int:student_id>/", transport_views.assign, name="transport-assign"),
    path("legacy/routesheet/<int:route_id>/", legacy_views.route_sheet),
    path("legacy/stops.json", legacy_views.stop_list_json),

    # cafeteria
    path("meals/accounts/<int:student_id>/", meals_views.account_detail, name="meal-account"),
    path("meals/accounts/<int:student_id>/deposit/", meals_views.deposit_cash, name="meal-deposit"),
    path("meals/applications/", meals_views.ApplicationListView.as_view(), name="meal-applications"),
    path("meals/applications/<int:pk>/", meals_views.decide_application, name="meal-application"),
    path("pos/swipe", legacy_views.pos_swipe),

    # staff
    path("staff/", core_views.staff_directory, name="staff-directory"),
    path("staff/<int:pk>/", hr_views.StaffDetailView.as_view(), name="staff-detail"),
    path("hr/leave/new/", hr_views.LeaveRequestCreateView.as_view(), name="leave-new"),
    path("hr/leave/", hr_views.leave_queue, name="leave-queue"),
    path("hr/leave/<int:pk>/approve/", hr_views.approve, name="leave-approve"),


    path("portal/", include("portal.urls")),
]
