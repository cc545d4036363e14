from django.contrib import admin, messages

from common.dates import today
from core.models import (Course, Enrolment, Guardian, School, Section, StaffMember, Student,
                         StudentGuardian, Term)


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "lowest_grade", "highest_grade")
    search_fields = ("code", "name")


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ("school", "school_year", "name", "start_date", "end_date", "grades_locked")
    list_filter = ("school", "school_year")


class StudentGuardianInline(admin.TabularInline):
    model = StudentGuardian
    extra = 0
    raw_id_fields = ("guardian",)


class EnrolmentInline(admin.TabularInline):
    model = Enrolment
    extra = 0
    raw_id_fields = ("student",)
    fields = ("student", "status", "enrolled_on", "dropped_on")


@admin.register(Student)
class StudentAdmin(admin.ModelAdmin):
    list_display = ("local_id", "last_name", "first_name", "grade_level", "school", "status")
    list_filter = ("school", "grade_level", "status")
    search_fields = ("local_id", "state_id", "last_name", "first_name")
    inlines = [StudentGuardianInline]
    actions = ["withdraw_selected"]

    def withdraw_selected(self, request, queryset):
        from core.services import withdraw_student
        for student in queryset:
            withdraw_student(student, today(), "bulk withdraw (admin)")
        messages.info(request, "%d students withdrawn" % queryset.count())
    withdraw_selected.short_description = "Withdraw selected students today"


@admin.register(Guardian)
class GuardianAdmin(admin.ModelAdmin):
    search_fields = ("last_name", "email", "mobile")


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin):
    list_display = ("employee_number", "last_name", "first_name", "role", "is_active")
    list_filter = ("role", "is_active", "schools")
    filter_horizontal = ("schools",)


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "department", "credits")
    search_fields = ("code", "name")


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "term", "teacher", "room", "capacity")
    list_filter = ("term__school", "term")
    raw_id_fields = ("teacher",)
    inlines = [EnrolmentInline]
