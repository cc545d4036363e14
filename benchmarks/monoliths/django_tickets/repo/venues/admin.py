from django.contrib import admin

from venues.models import Hall, Section, Venue


class HallInline(admin.TabularInline):
    model = Hall
    extra = 0


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ("name", "city", "capacity")
    search_fields = ("name", "city", "postcode")
    inlines = [HallInline]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("hall", "code", "name", "sort_order")
    list_filter = ("hall__venue",)
