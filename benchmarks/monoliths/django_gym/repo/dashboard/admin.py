from django.contrib import admin

from dashboard.models import Campaign, Lead, PTPackage, PTSession, Trainer, TrainerAvailability


class AvailabilityInline(admin.TabularInline):
    model = TrainerAvailability
    extra = 0


@admin.register(Trainer)
class TrainerAdmin(admin.ModelAdmin):
    list_display = ("display_name", "club", "self_employed", "teaches_classes", "active")
    inlines = [AvailabilityInline]
    filter_horizontal = ("specialities",)


@admin.register(PTPackage)
class PTPackageAdmin(admin.ModelAdmin):
    list_display = ("member", "trainer", "sessions_total", "sessions_used", "expires")
    raw_id_fields = ("member", "invoice")


admin.site.register(PTSession)


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("name", "channel", "scheduled_for", "sent_at", "sent_count")


@admin.register(Lead)
class LeadAdmin(admin.ModelAdmin):
    list_display = ("name", "club", "source", "status", "follow_up_on")
    list_filter = ("status", "source", "club")
