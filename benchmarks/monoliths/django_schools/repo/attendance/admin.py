from django.contrib import admin

from attendance.models import AbsenceCode, AttendanceRecord, DailySummary


@admin.register(AbsenceCode)
class AbsenceCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "description", "state_code", "is_excused", "parent_selectable", "active")


@admin.register(AttendanceRecord)
class AttendanceRecordAdmin(admin.ModelAdmin):
    list_display = ("student", "date", "section", "status", "code", "source")
    list_filter = ("status", "source", "date")
    raw_id_fields = ("student", "section", "recorded_by")
    date_hierarchy = "date"


@admin.register(DailySummary)
class DailySummaryAdmin(admin.ModelAdmin):
    list_display = ("student", "date", "status", "periods_absent", "periods_total", "excused")
    raw_id_fields = ("student",)
    date_hierarchy = "date"
