from django.contrib import admin

from portal.models import AbsenceNote, OnlinePayment, ParentAccount


@admin.register(ParentAccount)
class ParentAccountAdmin(admin.ModelAdmin):
    list_display = ("guardian", "user", "verified", "sms_opt_in", "created_at")
    list_filter = ("verified",)
    raw_id_fields = ("user", "guardian")
    actions = ["verify"]

    def verify(self, request, queryset):
        queryset.update(verified=True)
    verify.short_description = "Mark as verified (ID checked at the office)"


@admin.register(AbsenceNote)
class AbsenceNoteAdmin(admin.ModelAdmin):
    list_display = ("student", "guardian", "date_from", "date_to", "code", "status")
    list_filter = ("status",)
    raw_id_fields = ("student", "guardian")


@admin.register(OnlinePayment)
class OnlinePaymentAdmin(admin.ModelAdmin):
    list_display = ("id", "account", "guardian", "amount", "fee", "status", "created_at")
    list_filter = ("status",)
    readonly_fields = ("gateway_ref", "raw_response")
