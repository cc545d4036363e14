from django.contrib import admin

from common.models import MessageTemplate, ScreeningReport, TenantProfile


@admin.register(TenantProfile)
class TenantProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "phone", "preferred_contact", "autopay_enabled")
    search_fields = ("user__last_name", "user__email", "phone")


@admin.register(ScreeningReport)
class ScreeningReportAdmin(admin.ModelAdmin):
    list_display = ("applicant", "credit_score", "decision", "requested_at")
    list_filter = ("decision", "bureau")
    readonly_fields = ("raw_payload",)


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    list_display = ("code", "channel", "active")
    list_filter = ("channel", "active")
