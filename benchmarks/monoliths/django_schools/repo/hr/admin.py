from django.contrib import admin

from hr.models import Certification, LeaveRequest, SubstituteCover


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ("staff", "kind", "number", "expires_on", "verified")
    list_filter = ("kind", "verified")
    raw_id_fields = ("staff",)


class SubstituteCoverInline(admin.TabularInline):
    model = SubstituteCover
    extra = 0
    raw_id_fields = ("section", "substitute")


@admin.register(LeaveRequest)
class LeaveRequestAdmin(admin.ModelAdmin):
    list_display = ("staff", "kind", "start_date", "end_date", "status")
    list_filter = ("status", "kind")
    raw_id_fields = ("staff", "approved_by")
    inlines = [SubstituteCoverInline]
