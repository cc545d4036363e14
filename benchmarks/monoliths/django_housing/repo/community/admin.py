from django.contrib import admin

from community.models import Event, EventRSVP, Hearing, Incident, IncidentParty, ProgramBudget, Sanction


class EventRSVPInline(admin.TabularInline):
    model = EventRSVP
    extra = 0
    raw_id_fields = ("resident",)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "hall", "category", "starts_at", "capacity", "mandatory", "cancelled")
    list_filter = ("category", "hall", "term", "cancelled")
    search_fields = ("title",)
    inlines = [EventRSVPInline]


@admin.register(ProgramBudget)
class ProgramBudgetAdmin(admin.ModelAdmin):
    list_display = ("hall", "term", "allocated")
    list_filter = ("term",)


class IncidentPartyInline(admin.TabularInline):
    model = IncidentParty
    extra = 0
    raw_id_fields = ("resident",)


class SanctionInline(admin.TabularInline):
    model = Sanction
    extra = 0
    raw_id_fields = ("resident",)


@admin.register(Incident)
class IncidentAdmin(admin.ModelAdmin):
    list_display = ("reference", "hall", "incident_type", "severity", "status", "occurred_at")
    list_filter = ("status", "severity", "incident_type", "hall")
    search_fields = ("reference", "narrative")
    inlines = [IncidentPartyInline, SanctionInline]


admin.site.register(Hearing)
