from django.contrib import admin, messages
from django.utils import timezone

from academics.models import (Course, Enrolment, MaintenanceRequest, Prerequisite, ResidenceHall,
                              Room, RoomAssignment, Section, Term, TimetableSlot)
from exams.models import Exam, ExamSitting, Grade, GradeAppeal, ScholarshipAward, TranscriptRequest


class PrerequisiteInline(admin.TabularInline):
    model = Prerequisite
    fk_name = 'course'
    extra = 0


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ('code', 'title', 'credits', 'level', 'department', 'is_active')
    list_filter = ('level', 'department', 'is_active')
    search_fields = ('code', 'title')
    inlines = [PrerequisiteInline]


class TimetableSlotInline(admin.TabularInline):
    model = TimetableSlot
    extra = 0


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ('__str__', 'term', 'capacity', 'lead_instructor', 'is_cancelled')
    list_filter = ('term', 'is_cancelled')
    search_fields = ('course__code',)
    inlines = [TimetableSlotInline]


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ('code', 'name', 'starts_on', 'ends_on', 'registration_opens', 'registration_closes',
                    'results_published')


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ('student', 'section', 'status', 'waitlist_position', 'enrolled_at')
    list_filter = ('status', 'section__term')
    raw_id_fields = ('student', 'section')
    search_fields = ('student__student_number', 'section__course__code')


# --- residences ----------------------------------------------------------

class RoomInline(admin.TabularInline):
    model = Room
    extra = 0


@admin.register(ResidenceHall)
class ResidenceHallAdmin(admin.ModelAdmin):
    list_display = ('code', 'name', 'gender_policy', 'is_active')
    inlines = [RoomInline]


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ('__str__', 'room_type', 'beds', 'termly_rent', 'accessible', 'out_of_service')
    list_filter = ('hall', 'room_type', 'accessible', 'out_of_service')


@admin.register(RoomAssignment)
class RoomAssignmentAdmin(admin.ModelAdmin):
    list_display = ('student', 'room', 'term', 'moved_in_on', 'vacated_on', 'rent_invoiced')
    list_filter = ('term', 'room__hall', 'rent_invoiced')
    raw_id_fields = ('student', 'room')


@admin.register(MaintenanceRequest)
class MaintenanceRequestAdmin(admin.ModelAdmin):
    list_display = ('room', 'priority', 'status', 'created_at', 'assigned_to')
    list_filter = ('status', 'priority')


# --- exams (exams/admin.py never existed) --------------------------------

class ExamSittingInline(admin.TabularInline):
    model = ExamSitting
    extra = 0
    raw_id_fields = ('student',)


@admin.register(Exam)
class ExamAdmin(admin.ModelAdmin):
    list_display = ('section', 'kind', 'starts_at', 'venue', 'weight')
    list_filter = ('kind',)
    inlines = [ExamSittingInline]


def publish_grades(modeladmin, request, queryset):
    n = queryset.filter(status='provisional').update(status='published', published_at=timezone.now())
    messages.success(request, '%s grades published' % n)


@admin.register(Grade)
class GradeAdmin(admin.ModelAdmin):
    list_display = ('student', 'section', 'score', 'letter', 'points', 'status')
    list_filter = ('status', 'section__term')
    raw_id_fields = ('student', 'section', 'entered_by')
    actions = [publish_grades]


@admin.register(GradeAppeal)
class GradeAppealAdmin(admin.ModelAdmin):
    list_display = ('grade', 'status', 'created_at', 'decided_at')
    list_filter = ('status',)


@admin.register(TranscriptRequest)
class TranscriptRequestAdmin(admin.ModelAdmin):
    list_display = ('student', 'copies', 'official', 'status', 'created_at', 'issued_at')
    list_filter = ('status',)


@admin.register(ScholarshipAward)
class ScholarshipAwardAdmin(admin.ModelAdmin):
    list_display = ('student', 'term', 'name', 'amount', 'percent_of_tuition', 'applied_to_invoice', 'revoked')
    list_filter = ('term', 'revoked')
    raw_id_fields = ('student', 'applied_to_invoice')
