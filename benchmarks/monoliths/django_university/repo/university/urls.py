from django.conf import settings
from django.conf.urls import include, url
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import path

from academics import views as academic_views
from exams import views as exam_views
from library import views as library_views
from main import views as main_views
from portal import views as portal_views
from reports import views as report_views
from staff import views as staff_views

admissions_patterns = ([
    path('apply/', main_views.apply_start, name='start'),
    path('application/<int:pk>/', main_views.application_edit, name='edit'),
    path('application/<int:pk>/upload/', main_views.upload_document, name='upload'),
    path('application/<int:pk>/submit/', main_views.submit_application, name='submit'),
    path('offer/<int:pk>/', main_views.respond_to_offer, name='offer'),
    path('review/', main_views.ApplicationReviewListView.as_view(), name='review_list'),
    path('review/<int:pk>/', main_views.review_application, name='review'),
    path('review/<int:application_id>/interview/', staff_views.schedule_interview, name='schedule_interview'),
], 'admissions')

finance_patterns = ([
    path('invoices/', main_views.invoice_list, name='invoices'),
    path('invoices/<str:reference>/', main_views.invoice_detail, name='invoice'),
    path('invoices/<str:reference>/pay/', main_views.record_payment_view, name='record_payment'),
    path('invoices/<str:reference>/adjust/', main_views.adjust_invoice, name='adjust'),
    path('fees/', main_views.fee_schedule_list, name='fees'),
    path('statement.csv', main_views.statement_csv, name='statement'),
    path('gateway/webhook/', main_views.gateway_webhook, name='webhook'),
], 'finance')

registry_patterns = ([
    path('students/', main_views.student_search, name='search'),
    path('students/<str:student_number>/', main_views.student_record, name='record'),
], 'registry')

academics_patterns = ([
    path('courses/', academic_views.course_catalogue, name='catalogue'),
    path('sections/<int:pk>/', academic_views.SectionDetailView.as_view(), name='section'),
    path('sections/<int:section_id>/enrol/', academic_views.enrol, name='enrol'),
    path('sections/<int:section_id>/override/', academic_views.registry_override_enrol, name='override'),
    path('sections/<int:pk>/roster/', academic_views.SectionRosterView.as_view(), name='roster'),
    path('enrolments/<int:enrolment_id>/drop/', academic_views.drop, name='drop'),
    path('timetable/', academic_views.my_timetable, name='timetable'),
], 'academics')

housing_patterns = ([
    path('', academic_views.hall_list, name='halls'),
    path('board/', academic_views.room_board, name='board'),
    path('assign/', academic_views.assign_room, name='assign'),
    path('assignments/<int:assignment_id>/vacate/', academic_views.vacate_room_view, name='vacate'),
    path('maintenance/report/', academic_views.report_maintenance, name='report_maintenance'),
    path('maintenance/', academic_views.MaintenanceQueueView.as_view(), name='maintenance'),
    path('maintenance/<int:pk>/close/', academic_views.close_maintenance, name='close_maintenance'),
], 'housing')

exams_patterns = ([
    path('timetable/', exam_views.exam_timetable, name='timetable'),
    path('exam/<int:exam_id>/marks/', exam_views.enter_marks, name='enter_marks'),
    path('section/<int:section_id>/finalise/', exam_views.finalise_section, name='finalise'),
    path('results/', exam_views.my_results, name='results'),
    path('results/<int:grade_id>/appeal/', exam_views.appeal_grade, name='appeal'),
    path('appeals/<int:appeal_id>/', exam_views.review_appeal, name='review_appeal'),
    path('transcript/request/', exam_views.request_transcript, name='request_transcript'),
    path('transcript/unofficial/', exam_views.unofficial_transcript, name='unofficial_transcript'),
], 'exams')

library_patterns = ([
    path('', library_views.catalogue, name='catalogue'),
    path('book/<int:pk>/', library_views.book_detail, name='book'),
    path('book/<int:pk>/request/', library_views.request_book, name='request'),
    path('desk/', library_views.desk_checkout, name='desk'),
    path('desk/return/', library_views.desk_return, name='return'),
    path('my/', library_views.my_loans, name='my_loans'),
    path('my/<int:loan_id>/renew/', library_views.renew, name='renew'),
    path('fines/<int:fine_id>/waive/', library_views.waive_fine_view, name='waive'),
], 'library')

staff_patterns = ([
    path('', staff_views.faculty_directory, name='directory'),
    path('people/<str:staff_number>/', staff_views.faculty_profile, name='profile'),
    path('me/teaching/', staff_views.my_teaching, name='my_teaching'),
    path('me/leave/', staff_views.submit_leave, name='leave'),
    path('leave/', staff_views.leave_queue, name='leave_queue'),
    path('leave/<int:pk>/', staff_views.approve_leave, name='approve_leave'),
    path('payroll/<str:period>.csv', staff_views.payroll_export, name='payroll_export'),
    path('interviews/', staff_views.interview_schedule, name='interviews'),
    path('interviews/<int:pk>/', staff_views.record_interview, name='record_interview'),
], 'staff')

portal_patterns = ([
    path('', portal_views.student_dashboard, name='dashboard'),
    path('applicant/', portal_views.applicant_home, name='applicant'),
    path('contact/', portal_views.update_contact_details, name='contact'),
    path('housing/apply/', portal_views.apply_for_housing, name='housing_apply'),
    path('housing/', portal_views.housing_status, name='housing_status'),
    path('housing/swap/', portal_views.request_room_swap, name='room_swap'),
    path('pay/<str:reference>/', portal_views.pay_invoice_online, name='pay'),
    path('pay/<str:reference>/return/', portal_views.payment_return, name='payment_return'),
], 'portal')

reports_patterns = ([
    path('', report_views.report_index, name='index'),
    path('run/<str:name>.csv', report_views.report_csv, name='csv'),
    path('finance/', report_views.finance_dashboard, name='finance'),
    path('registrar/', report_views.registrar_dashboard, name='registrar'),
    path('admissions/<int:round_id>/', report_views.admissions_dashboard, name='admissions'),
], 'reports')

urlpatterns = [
    path('admin/', admin.site.urls),
    path('accounts/', include('django.contrib.auth.urls')),
    path('admissions/', include(admissions_patterns)),
    path('finance/', include(finance_patterns)),
    path('registry/', include(registry_patterns)),
    path('academics/', include(academics_patterns)),
    path('housing/', include(housing_patterns)),
    path('exams/', include(exams_patterns)),
    path('library/', include(library_patterns)),
    path('staff/', include(staff_patterns)),
    path('portal/', include(portal_patterns)),
    path('reports/', include(reports_patterns)),
    # old bookmark from the 2018 site
    url(r'^mytimetable/?$', academic_views.my_timetable),
] + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
