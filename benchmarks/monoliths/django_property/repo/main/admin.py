from django.contrib import admin

from main.models import Amenity, Building, Vendor, WorkOrder, WorkOrderNote


@admin.register(Building)
class BuildingAdmin(admin.ModelAdmin):
    list_display = ("name", "city", "owner", "manager")
    search_fields = ("name", "address_line")
    filter_horizontal = ("amenities",)


admin.site.register(Amenity)


class WorkOrderNoteInline(admin.TabularInline):
    model = WorkOrderNote
    extra = 0


@admin.register(WorkOrder)
class WorkOrderAdmin(admin.ModelAdmin):
    list_display = ("id", "unit", "trade", "priority", "status", "vendor", "created_at")
    list_filter = ("status", "priority", "trade")
    inlines = [WorkOrderNoteInline]


@admin.register(Vendor)
class VendorAdmin(admin.ModelAdmin):
    list_display = ("name", "trade", "phone", "is_preferred", "insured_until")
    list_filter = ("trade", "is_preferred")
