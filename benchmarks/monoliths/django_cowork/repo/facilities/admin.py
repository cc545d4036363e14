from django.contrib import admin

from facilities.models import Asset, MaintenanceTicket, TicketComment, Vendor


@admin.register(MaintenanceTicket)
class TicketAdmin(admin.ModelAdmin):
    list_display = ("pk", "title", "location", "category", "priority", "status", "due_at", "escalated")
    list_filter = ("status", "priority", "category", "location")


admin.site.register(Asset)
admin.site.register(Vendor)
admin.site.register(TicketComment)
