from django.contrib import admin

from desks.models import Desk, DeskBooking


@admin.register(Desk)
class DeskAdmin(admin.ModelAdmin):
    list_display = ("label", "location", "floor", "kind", "assigned_to", "active")
    list_filter = ("location", "kind")
    raw_id_fields = ("assigned_to",)


admin.site.register(DeskBooking)
