from django.contrib import admin

from common.messaging import send_notice, tenants_of_building
from portal.models import Applicant, Notice, NoticeDelivery, ServiceRequest


@admin.register(ServiceRequest)
class ServiceRequestAdmin(admin.ModelAdmin):
    list_display = ("id", "unit", "category", "status", "created_at")
    list_filter = ("status", "category")


admin.site.register(Applicant)


class NoticeDeliveryInline(admin.TabularInline):
    model = NoticeDelivery
    extra = 0
    readonly_fields = ("tenant", "channel", "status", "delivered_at", "read_at", "error")


@admin.action(description="Send now to the building's tenants")
def send_now(modeladmin, request, queryset):
    for notice in queryset.filter(sent_at__isnull=True, building__isnull=False):
        send_notice(notice, tenants_of_building(notice.building))


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ("subject", "building", "audience", "scheduled_for", "sent_at")
    inlines = [NoticeDeliveryInline]
    actions = [send_now]
