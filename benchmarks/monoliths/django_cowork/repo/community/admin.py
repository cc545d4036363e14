from django.contrib import admin

from community.models import Announcement, Event, EventRSVP


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "location", "starts_at", "capacity", "price", "published")
    prepopulated_fields = {"slug": ("title",)}


admin.site.register(EventRSVP)
admin.site.register(Announcement)
