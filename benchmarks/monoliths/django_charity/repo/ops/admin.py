from django.contrib import admin

from ops.models import (VolunteerRole, Shift, Timesheet, Event, TicketType,
                        Booking, Partner, GrantApplication, GrantAward, GrantPayment,
                        GrantReport)


admin.site.register(VolunteerRole)


@admin.register(Shift)
class ShiftAdmin(admin.ModelAdmin):
    list_display = ("role", "starts", "ends", "places")
    list_filter = ("role",)


admin.site.register(Timesheet)


class TicketTypeInline(admin.TabularInline):
    model = TicketType
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("name", "starts", "venue", "capacity", "published", "closed")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [TicketTypeInline]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ("reference", "event", "supporter", "total_paid", "cancelled")
    raw_id_fields = ("supporter",)


# grants team use the admin for most of this
admin.site.register(Partner)
admin.site.register(GrantApplication)
admin.site.register(GrantAward)
admin.site.register(GrantPayment)
admin.site.register(GrantReport)
