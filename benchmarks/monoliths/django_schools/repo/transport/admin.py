from django.contrib import admin

from transport.models import RiderAssignment, Vehicle


@admin.register(Vehicle)
class VehicleAdmin(admin.ModelAdmin):
    list_display = ("fleet_number", "seats", "wheelchair_lift", "inspection_due", "in_service")


@admin.register(RiderAssignment)
class RiderAssignmentAdmin(admin.ModelAdmin):
    list_display = ("student", "stop", "direction", "status", "starts_on", "ends_on")
    list_filter = ("status", "direction", "stop__route")
    raw_id_fields = ("student", "stop")
