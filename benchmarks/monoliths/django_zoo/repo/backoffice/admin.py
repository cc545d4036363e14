from django.contrib import admin

from backoffice.models import (Contractor, Enclosure, EnclosureInspection, HabitatReading,
                               MaintenanceJob, TrainingCertificate)
from website.models import Event, EventBooking, KeeperTalk, LearningResource, SchoolVisit


@admin.register(Enclosure)
class EnclosureAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "zone", "status", "max_animals", "last_inspected")
    list_filter = ("zone", "status", "is_public")


@admin.register(MaintenanceJob)
class MaintenanceJobAdmin(admin.ModelAdmin):
    list_display = ("title", "enclosure", "priority", "status", "due_by", "contractor", "cost")
    list_filter = ("status", "priority", "enclosure__zone")
    search_fields = ("title", "description")


admin.site.register(Contractor)
admin.site.register(EnclosureInspection)


@admin.register(HabitatReading)
class HabitatReadingAdmin(admin.ModelAdmin):
    list_display = ("enclosure", "sensor_id", "taken_at", "temp_c", "humidity")
    list_filter = ("enclosure",)
    date_hierarchy = "taken_at"


@admin.register(TrainingCertificate)
class TrainingCertificateAdmin(admin.ModelAdmin):
    list_display = ("keeper", "course", "issued_on", "expires_on")
    list_filter = ("course",)


# The website app never got an admin.py, so its models are registered here.

class EventBookingInline(admin.TabularInline):
    model = EventBooking
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "event_type", "starts_at", "capacity", "price", "published")
    list_filter = ("event_type", "published")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [EventBookingInline]


@admin.register(SchoolVisit)
class SchoolVisitAdmin(admin.ModelAdmin):
    list_display = ("school_name", "visit_date", "pupils", "key_stage", "status", "educator")
    list_filter = ("status", "key_stage")


admin.site.register(KeeperTalk)
admin.site.register(LearningResource)
